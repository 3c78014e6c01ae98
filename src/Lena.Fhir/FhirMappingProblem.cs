namespace Lena.Fhir;

/// <summary>
/// Something the mapping could not do. <paramref name="Field"/> is the snapshot JSON path it concerns
/// (for unreadable resources: the FHIR element path). <paramref name="Blocking"/>: the snapshot cannot be
/// evaluated without it. <paramref name="ServerCouldResolve"/>: a search on the patient's FHIR server could
/// supply it. <paramref name="Message"/> says what is wrong and how to fix it.
/// </summary>
public sealed record FhirMappingProblem(string Field, FhirProblemKind Kind, string Message, bool Blocking, bool ServerCouldResolve, string? Resource);
