namespace Lena.Delivery;

/// <summary>
/// Whether the app runs in Azure, decided so that doubt means "yes": the App Service / Functions
/// platform sets <c>WEBSITE_INSTANCE_ID</c>, <c>WEBSITE_SITE_NAME</c> and <c>WEBSITE_HOSTNAME</c> on every
/// plan (Flex Consumption included), and <c>Webhooks__RequireHttps=true</c> forces it anywhere. Only a
/// development host (<c>AZURE_FUNCTIONS_ENVIRONMENT=Development</c>, which Core Tools and lena-host set
/// and Azure does not) with none of those markers may post to http on loopback.
/// </summary>
public sealed record DeliveryEnvironment(bool InAzure, bool Development, bool RequireHttpsConfigured)
{
    public static readonly string[] AzureMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME", "WEBSITE_HOSTNAME"];

    /// <summary>http to a loopback address is allowed only here.</summary>
    public bool AllowsLoopbackHttp => !InAzure && Development && !RequireHttpsConfigured;

    public static DeliveryEnvironment From(Func<string, string?> variable, bool requireHttpsConfigured)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var inAzure = AzureMarkers.Any(name => !string.IsNullOrWhiteSpace(variable(name)));
        var development = string.Equals(variable("AZURE_FUNCTIONS_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase);
        return new DeliveryEnvironment(inAzure, development, requireHttpsConfigured);
    }

    public static DeliveryEnvironment FromProcess(bool requireHttpsConfigured) =>
        From(Environment.GetEnvironmentVariable, requireHttpsConfigured);
}
