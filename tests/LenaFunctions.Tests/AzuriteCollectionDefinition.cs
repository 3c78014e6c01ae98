namespace LenaFunctions.Tests;

/// <summary>One Azurite for every test class in the collection (the course functions); each test uses a table of its own.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
