using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace LenaFunctions.Security;

public static class RuleAdminServiceCollectionExtensions
{
    /// <summary>
    /// Rule administration by Microsoft Entra token: options from the <c>RuleAdmin</c> section, the
    /// tenant's OpenID metadata and signing keys (fetched over HTTPS on first use, refreshed daily
    /// and on an unknown key), the validator and the function-facing check.
    /// </summary>
    public static IServiceCollection AddRuleAdminAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RuleAdminOptions>()
            .Bind(configuration.GetSection(RuleAdminOptions.SectionName))
            .Configure(o => o.LocalDevelopment = string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase));
        services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RuleAdminOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
            return new ConfigurationManager<OpenIdConnectConfiguration>(
                options.MetadataAddress,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(http) { RequireHttps = true });
        });
        services.AddSingleton(sp => new EntraTokenValidator(
            sp.GetRequiredService<IOptions<RuleAdminOptions>>().Value,
            sp.GetRequiredService<IConfigurationManager<OpenIdConnectConfiguration>>()));
        services.AddSingleton<RuleAdminAuthorization>();
        return services;
    }
}
