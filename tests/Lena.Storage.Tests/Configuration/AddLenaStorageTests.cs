using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lena.Storage.Configuration;
using Lena.Storage.Rules;
using Lena.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lena.Storage.Tests.Configuration;

/// <summary>The app-data clients from configuration, in the local shape and in the shape the Bicep sets in Azure. Nothing here calls Azure.</summary>
public sealed class AddLenaStorageTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLenaStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public void ConnectionStringsBuildTheClients()
    {
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;";
        using var services = Build(new()
        {
            ["Tables:connectionString"] = connection,
            ["Queues:connectionString"] = connection,
            ["Lena:RulesTable"] = "RulesUnderTest",
        });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
        Assert.Equal(AzuriteFixture.AccountName, tables.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
        Assert.Equal(AzuriteFixture.AccountName, queues.AccountName);
        Assert.Equal("RulesUnderTest", services.GetRequiredService<RuleStoreTables>().Rules.Name);
        Assert.IsType<TableRuleStore>(services.GetRequiredService<IRuleStore>());
        Assert.NotNull(services.GetRequiredService<ActiveRuleSetProvider>());
    }

    [Fact]
    public void UseDevelopmentStorageBuildsClientsForTheDefaultAzuritePorts()
    {
        using var services = Build(new()
        {
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
            ["Queues:connectionString"] = "UseDevelopmentStorage=true",
        });

        Assert.Equal(10002, services.GetRequiredService<TableServiceClient>().Uri.Port);
        Assert.Equal(10001, services.GetRequiredService<QueueServiceClient>().Uri.Port);
    }

    [Fact]
    public void TheManagedIdentityShapeFromTheBicepBuildsClientsWithoutAConnectionString()
    {
        using var services = Build(new()
        {
            ["Tables:serviceUri"] = "https://stlenaprod.table.core.windows.net/",
            ["Tables:credential"] = "managedidentity",
            ["Tables:clientId"] = "00000000-0000-0000-0000-00000000c1d0",
            ["Queues:serviceUri"] = "https://stlenaprod.queue.core.windows.net/",
            ["Queues:credential"] = "managedidentity",
            ["Queues:clientId"] = "00000000-0000-0000-0000-00000000c1d0",
        });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(new Uri("https://stlenaprod.table.core.windows.net/"), tables.Uri);
        Assert.Equal("stlenaprod", tables.AccountName);
        Assert.Equal(new Uri("https://stlenaprod.queue.core.windows.net/"), queues.Uri);
        Assert.Equal("stlenaprod", queues.AccountName);
        Assert.Equal("LenaRules", services.GetRequiredService<RuleStoreTables>().Rules.Name);
    }

    [Theory]
    [InlineData("Tables", "Queues")]
    [InlineData("Queues", "Tables")]
    public void AMissingSectionFailsNamingTheSettingsToSet(string missing, string present)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{present}:connectionString"] = "UseDevelopmentStorage=true",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLenaStorage(configuration));

        Assert.Contains($"{missing}__connectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{missing}__serviceUri", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{missing}__credential=managedidentity", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{missing}__clientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveCacheTimingsAreRefused()
    {
        using var services = Build(new()
        {
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
            ["Queues:connectionString"] = "UseDevelopmentStorage=true",
            ["Lena:RuleCacheRefreshSeconds"] = "0",
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LenaStorageOptions>>().Value);
    }
}
