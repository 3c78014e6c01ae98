using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lena.CdsHooks.Security;

public static class CdsHooksSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CdsHooksJwtValidator"/> and its <see cref="IJwksSource"/> from the
    /// <c>CdsHooks</c> section (validated at start). The <see cref="IJtiReplayGuard"/> comes from
    /// elsewhere: the table-backed one from <c>AddCdsHooksStorage</c>, or <see cref="InMemoryJtiReplayGuard"/> locally.
    /// </summary>
    public static IServiceCollection AddCdsHooksSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CdsHooksAuthOptions>()
            .Bind(configuration.GetSection(CdsHooksAuthOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CdsHooksAuthOptions>, CdsHooksAuthOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJwksSource>(sp => new JwksCache(
            JwksHttpClient(),
            sp.GetRequiredService<IOptions<CdsHooksAuthOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CdsHooksJwtValidator(
            sp.GetRequiredService<IOptions<CdsHooksAuthOptions>>().Value,
            sp.GetRequiredService<IJwksSource>(),
            sp.GetRequiredService<IJtiReplayGuard>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// One long-lived client (pooled connections renewed for DNS changes). Redirects are not
    /// followed: the JWKS must be where the configuration says, not wherever a response points.
    /// </summary>
    private static HttpClient JwksHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };
}
