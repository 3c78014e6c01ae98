using System.Text.Json;

namespace Lena.CdsHooks.FhirServer;

/// <summary>What a FHIR server read gave: the resource or Bundle, or why there is none.</summary>
public sealed record FhirServerRead(JsonElement? Resource, string? Failure)
{
    public static FhirServerRead Of(JsonElement resource) => new(resource, null);

    public static FhirServerRead Failed(string failure) => new(null, failure);
}
