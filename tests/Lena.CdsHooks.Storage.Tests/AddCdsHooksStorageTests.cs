using Lena.CdsHooks.Feedback;
using Lena.CdsHooks.Security;
using Lena.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lena.CdsHooks.Storage.Tests;

/// <summary>The CDS Hooks tables on the app-data table client, named by the <c>CdsHooks</c> section.</summary>
public sealed class AddCdsHooksStorageTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLenaStorage(configuration).AddCdsHooksStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_CDS_Hooks_stores_are_registered_with_default_table_names()
    {
        using var services = Build(new()
        {
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
            ["Queues:connectionString"] = "UseDevelopmentStorage=true",
        });

        var tables = services.GetRequiredService<CdsHooksTables>();
        Assert.Equal("LenaCdsTokens", tables.Tokens.Name);
        Assert.Equal("LenaCdsFeedback", tables.Feedback.Name);
        Assert.IsType<TableJtiReplayGuard>(services.GetRequiredService<IJtiReplayGuard>());
        Assert.Same(services.GetRequiredService<TableJtiReplayGuard>(), services.GetRequiredService<IJtiReplayGuard>());
        Assert.IsType<TableFeedbackStore>(services.GetRequiredService<IFeedbackStore>());
    }

    [Fact]
    public void The_CDS_Hooks_table_names_come_from_the_CdsHooks_section()
    {
        using var services = Build(new()
        {
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
            ["Queues:connectionString"] = "UseDevelopmentStorage=true",
            ["CdsHooks:TokensTable"] = "TokensUnderTest",
            ["CdsHooks:FeedbackTable"] = "FeedbackUnderTest",
        });

        var tables = services.GetRequiredService<CdsHooksTables>();
        Assert.Equal("TokensUnderTest", tables.Tokens.Name);
        Assert.Equal("FeedbackUnderTest", tables.Feedback.Name);
    }
}
