using Lena.Testing;

namespace Lena.Courses.Tests;

/// <summary>One Azurite for every test class in the collection; each test uses a table and a queue of its own.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
