using Lena.Testing;

namespace Lena.CdsHooks.Storage.Tests;

/// <summary>One Azurite for every test class in the collection; each test uses a table of its own.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
