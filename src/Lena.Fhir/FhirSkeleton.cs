namespace Lena.Fhir;

internal static class FhirSkeleton;
