namespace Lena.Fhir;

/// <summary>The resources read from the documents, and the resources (or parts) that could not be read.</summary>
public sealed record FhirRecordRead(FhirPatientRecord Record, IReadOnlyList<FhirMappingProblem> Problems);
