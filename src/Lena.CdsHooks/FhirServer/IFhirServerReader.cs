using System.Text.Json;

namespace Lena.CdsHooks.FhirServer;

/// <summary>Reads data the client did not prefetch from its FHIR server, with the token it gave.</summary>
public interface IFhirServerReader
{
    /// <summary>The resource or search Bundle for <paramref name="relativeQuery"/>; a failure when the server cannot be read.</summary>
    Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken);
}

public sealed record FhirServerRead(JsonElement? Resource, string? Failure)
{
    public static FhirServerRead Of(JsonElement resource) => new(resource, null);

    public static FhirServerRead Failed(string failure) => new(null, failure);
}
