using Azure.Data.Tables;
using Lena.CdsHooks.Feedback;
using Lena.CdsHooks.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lena.CdsHooks.Storage;

public static class CdsHooksStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CDS Hooks tables — used token ids (the replay guard across instances) and card
    /// feedback — on the app-data <see cref="TableServiceClient"/> that <c>AddLenaStorage</c> registers.
    /// </summary>
    public static IServiceCollection AddCdsHooksStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CdsHooksStorageOptions>()
            .Bind(configuration.GetSection(CdsHooksStorageOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CdsHooksStorageOptions>>().Value;
            var client = sp.GetRequiredService<TableServiceClient>();
            return new CdsHooksTables(client.GetTableClient(options.TokensTable), client.GetTableClient(options.FeedbackTable));
        });
        services.AddSingleton<TableJtiReplayGuard>();
        services.AddSingleton<IJtiReplayGuard>(sp => sp.GetRequiredService<TableJtiReplayGuard>());
        services.AddSingleton<IFeedbackStore, TableFeedbackStore>();
        return services;
    }
}
