namespace Lena.CdsHooks.Security;

/// <summary>
/// The <c>CdsHooks</c> configuration section for trusting CDS Clients (CDS Hooks 2.0, "Trusting
/// CDS Clients"): flat form <c>CdsHooks__TrustedIssuers__0__Issuer</c>, <c>…__JwksUrl</c> and so on.
/// </summary>
public sealed class CdsHooksAuthOptions
{
    public const string SectionName = "CdsHooks";

    /// <summary>Our discovery URL, e.g. <c>https://lena.example.org/api/cds-services</c>; a token's <c>aud</c> is this plus <c>/{serviceId}</c>.</summary>
    public string? ServiceBaseUrl { get; set; }

    /// <summary>Tolerance for clock differences between the EHR and us, applied to exp, iat and nbf.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>The longest exp − iat accepted: the spec says the token SHOULD expire within 5 minutes.</summary>
    public int MaxTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>How long fetched JWKS keys are used before they are fetched again.</summary>
    public int JwksCacheMinutes { get; set; } = 60;

    /// <summary>The shortest interval between two JWKS fetches for one issuer, so unknown kids cannot make us hammer the EHR.</summary>
    public int JwksMinRefreshSeconds { get; set; } = 30;

    public List<CdsTrustedIssuer> TrustedIssuers { get; set; } = [];

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);

    public TimeSpan MaxTokenLifetime => TimeSpan.FromSeconds(MaxTokenLifetimeSeconds);

    public TimeSpan JwksCacheDuration => TimeSpan.FromMinutes(JwksCacheMinutes);

    public TimeSpan JwksMinRefreshInterval => TimeSpan.FromSeconds(JwksMinRefreshSeconds);

    /// <summary>The audience a token for <paramref name="serviceId"/> must name.</summary>
    public string AudienceFor(string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        if (string.IsNullOrEmpty(ServiceBaseUrl))
        {
            throw new InvalidOperationException("CdsHooks__ServiceBaseUrl is not set; it is needed to check a token's aud.");
        }

        return $"{ServiceBaseUrl.TrimEnd('/')}/{serviceId}";
    }

    /// <summary>
    /// The issuers actually configured: an entry whose Issuer, JwksUrl and Jwks are all blank is
    /// the placeholder a deployment without an EHR writes (the Bicep sets every setting), not an issuer.
    /// </summary>
    public IEnumerable<CdsTrustedIssuer> ConfiguredIssuers => TrustedIssuers.Where(t => !t.IsPlaceholder);

    /// <summary>The issuer configured for <paramref name="issuer"/> (ordinal match), or null.</summary>
    public CdsTrustedIssuer? FindIssuer(string issuer) =>
        ConfiguredIssuers.FirstOrDefault(t => string.Equals(t.Issuer, issuer, StringComparison.Ordinal));
}
