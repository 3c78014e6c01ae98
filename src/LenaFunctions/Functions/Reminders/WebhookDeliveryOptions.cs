using Lena.Delivery;

namespace LenaFunctions.Functions.Reminders;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookDeliveryOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Forces https (and public hosts) even on a development host; in Azure it is always so.</summary>
    public bool RequireHttps { get; set; }

    /// <summary>How long one POST may take before it counts as unreachable (and the queue retries it).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>No redirect is followed (a 3xx is not a delivery); outside loopback development only public addresses are connected to.</summary>
    public static SocketsHttpHandler Handler(DeliveryEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false };
        if (!environment.AllowsLoopbackHttp)
        {
            handler.ConnectCallback = WebhookAddressGuard.ConnectPublicOnlyAsync;
        }

        return handler;
    }
}
