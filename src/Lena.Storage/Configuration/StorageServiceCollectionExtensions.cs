using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lena.Courses;
using Lena.Courses.Reminders;
using Lena.Delivery;
using Lena.Storage.Courses;
using Lena.Storage.Reminders;
using Lena.Storage.Rules;
using Lena.Storage.Webhooks;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lena.Storage.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the app-data storage clients from the <c>Tables</c> and <c>Queues</c> sections
    /// (never <c>AzureWebJobsStorage</c>): a <c>connectionString</c> locally (Azurite), or a
    /// <c>serviceUri</c> with <c>credential: managedidentity</c> and <c>clientId</c> in Azure.
    /// The adapters only: the course workflow they serve comes from <c>AddLenaCourses</c> (Lena.Courses),
    /// the CDS Hooks tables from <c>AddCdsHooksStorage</c> (Lena.CdsHooks.Storage).
    /// </summary>
    public static IServiceCollection AddLenaStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LenaStorageOptions>()
            .Bind(configuration.GetSection(LenaStorageOptions.SectionName))
            .Validate(o => o.RuleCacheRefreshSeconds > 0 && o.RuleStalenessLimitMinutes > 0, "Lena:RuleCacheRefreshSeconds and Lena:RuleStalenessLimitMinutes must be positive.")
            .ValidateOnStart();

        services.AddAzureClients(clients =>
        {
            clients.AddTableServiceClient(WithTableEndpoint(RequiredSection(configuration, "Tables")));
            clients.AddQueueServiceClient(RequiredSection(configuration, "Queues"))
                .ConfigureOptions(o => o.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None);
            clients.ConfigureDefaults(o =>
            {
                // Fail fast: a clinical request must not hang on storage; the rule cache covers outages.
                o.Retry.MaxRetries = 2;
                o.Retry.Mode = RetryMode.Exponential;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            });
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LenaStorageOptions>>().Value;
            return new RuleStoreTables(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.RulesTable));
        });
        services.AddSingleton<IRuleStore, TableRuleStore>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LenaStorageOptions>>().Value;
            return new CourseStoreTables(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.FollowUpsTable), options.CourseWriteParallelism);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LenaStorageOptions>>().Value;
            return new ReminderQueueClient(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(options.ReminderQueue));
        });
        services.AddSingleton<ICourseStore, TableCourseStore>();

        // Care teams' webhook registrations (reminder delivery).
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LenaStorageOptions>>().Value;
            return new WebhookTables(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.WebhooksTable));
        });
        services.AddSingleton<IWebhookStore, TableWebhookStore>();

        services.AddSingleton<IReminderSender, StorageReminderSender>();
        services.AddSingleton<ActiveRuleSetProvider>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The client factory matches setting names to constructor parameters: QueueServiceClient takes
    /// a <c>serviceUri</c>, but TableServiceClient calls its URI <c>endpoint</c>, so the Azure shape
    /// (<c>Tables__serviceUri</c>, as the Bicep sets it) found no constructor. Offer it as <c>endpoint</c> too.
    /// </summary>
    private static IConfiguration WithTableEndpoint(IConfigurationSection section)
    {
        var serviceUri = section["serviceUri"];
        if (string.IsNullOrEmpty(serviceUri) || !string.IsNullOrEmpty(section["endpoint"]))
        {
            return section;
        }

        return new ConfigurationBuilder()
            .AddConfiguration(section)
            .AddInMemoryCollection([new KeyValuePair<string, string?>("endpoint", serviceUri)])
            .Build();
    }

    private static IConfigurationSection RequiredSection(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Configuration section '{name}' is missing: set {name}__connectionString (local, e.g. UseDevelopmentStorage=true) or {name}__serviceUri with {name}__credential=managedidentity and {name}__clientId (Azure).");
        }

        return section;
    }
}
