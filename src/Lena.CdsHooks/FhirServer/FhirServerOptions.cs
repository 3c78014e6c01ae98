namespace Lena.CdsHooks.FhirServer;

/// <summary>
/// Which FHIR servers the service may call back (section <c>CdsHooks</c>). The client names the
/// server in the request; calling any URL it names, with its token, would let a caller point the
/// service anywhere, so only listed base URLs are read. Empty: never call back (missing prefetch → 412).
/// </summary>
public sealed class FhirServerOptions
{
    /// <summary>Comma-separated base URLs ("https://ehr.example.org/fhir/r4").</summary>
    public string AllowedFhirServers { get; set; } = string.Empty;

    /// <summary>Pages of a search Bundle to follow at most.</summary>
    public int FhirServerMaxPages { get; set; } = 5;

    public int FhirServerTimeoutSeconds { get; set; } = 10;

    public bool Allows(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var target = server.AbsoluteUri.TrimEnd('/');
        return AllowedFhirServers
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(allowed => string.Equals(allowed.TrimEnd('/'), target, StringComparison.OrdinalIgnoreCase));
    }
}
