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
    /// <summary>
    /// Recoverable, without Firely's model validation (<c>Validator = null</c>). That validation only adds issues
    /// (cardinality, value patterns, invariants) and never changes the object it reads; this reader never used
    /// them (a resource that is read is used and its issues dropped; what matters is found by
    /// <see cref="OverflowFinder"/> and the mapping), yet they were about half of each resource's reading cost and
    /// allocation (issue 15, CDS order-sign). <c>ReaderEquivalenceTests</c> holds this reader to the validating one;
    /// the one difference is a <c>contained</c> that is not an array, on which the validation threw.
    /// </summary>
    private static readonly DeserializerSettings Settings =
        new DeserializerSettings().UsingMode(DeserializationMode.Recoverable) with { Validator = null };

    private static readonly FhirJsonDeserializer Deserializer = new(Settings);

    private static readonly byte[] TinyBundle = Encoding.UTF8.GetBytes(
        """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"warm-up","gender":"female"}}]}""");

    /// <summary>Builds the deserializer's model caches before the first request.</summary>
    public static void WarmUp() => _ = TryRead(TinyBundle, out _);

    /// <summary>Deserializes one resource; false with a message when it is not a FHIR resource at all.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, out Resource? resource, out string? error) =>
        TryRead(Deserializer, utf8Json, out resource, out error);

    /// <summary>As <see cref="TryRead(ReadOnlySpan{byte}, out Resource?, out string?)"/> with another deserializer (tests compare settings).</summary>
    internal static bool TryRead(FhirJsonDeserializer deserializer, ReadOnlySpan<byte> utf8Json, out Resource? resource, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            var ok = deserializer.TryDeserializeResource(ref reader, out resource, out var issues);
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
