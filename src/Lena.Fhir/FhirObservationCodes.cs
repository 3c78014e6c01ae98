using Lena.Fhir.Codes;

namespace Lena.Fhir;

/// <summary>The LOINC codes the FHIR mapping reads from Observations, for the prefetch search that fetches them.</summary>
public static class FhirObservationCodes
{
    /// <summary>Counts, creatinine (serum, plasma and blood), weight, height and hCG, in table order.</summary>
    public static IReadOnlyList<string> Loinc { get; } = [.. LoincCodes.Concepts.Keys];
}
