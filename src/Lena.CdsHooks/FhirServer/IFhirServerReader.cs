namespace Lena.CdsHooks.FhirServer;

/// <summary>Reads data the client did not prefetch from its FHIR server, with the token it gave.</summary>
public interface IFhirServerReader
{
    /// <summary>The resource or search Bundle for <paramref name="relativeQuery"/>; a failure when the server cannot be read.</summary>
    Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken);
}
