namespace Lena.Fhir;

/// <summary>
/// A snapshot value and where it came from. <paramref name="Value"/> as put into the snapshot (invariant culture);
/// <paramref name="SourceValue"/>/<paramref name="SourceUnit"/> as found in FHIR; <paramref name="Resource"/> "Observation/abc";
/// <paramref name="Code"/> "LOINC 751-8", "ICD-10-CM C90.00", "RxNorm 197577".
/// </summary>
public sealed record UsedFhirValue(string Field, string Value, string? SourceValue, string? SourceUnit, string Resource, DateOnly? Date, string? Code);
