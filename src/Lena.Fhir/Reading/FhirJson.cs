using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Lena.Fhir.Reading;

/// <summary>
/// The one deserializer of the service. Recoverable mode: data that is not quite FHIR (an unknown element,
/// a string where a number belongs) is kept in overflow instead of failing the whole resource; the
/// <see cref="OverflowFinder"/> turns what landed there into problems.
/// </summary>
internal static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    private static readonly byte[] TinyBundle = Encoding.UTF8.GetBytes(
        """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"warm-up","gender":"female"}}]}""");

    /// <summary>Builds the deserializer's model caches before the first request.</summary>
    public static void WarmUp() => _ = TryRead(TinyBundle, out _);

    /// <summary>Deserializes one resource; false with a message when it is not a FHIR resource at all.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, out Resource? resource, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            var ok = Deserializer.TryDeserializeResource(ref reader, out resource, out var issues);
            error = ok || resource is not null ? null : string.Join("; ", issues.Select(i => i.Message));
            if (resource is null or DynamicResource)
            {
                error ??= "resourceType is not a FHIR R4 resource";
                resource = null;
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or DeserializationFailedException)
        {
            resource = null;
            error = e.Message;
            return false;
        }
    }

    private static bool TryRead(byte[] utf8Json, out Resource? resource) => TryRead(utf8Json, out resource, out _);
}
