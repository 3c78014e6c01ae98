using System.Text.Json;

namespace Lena.Fhir;

/// <summary>One JSON document given to us: a resource or a Bundle, with where it came from ("prefetch.labs", "context.draftOrders").</summary>
public sealed record FhirDocument(string Location, JsonElement Json);
