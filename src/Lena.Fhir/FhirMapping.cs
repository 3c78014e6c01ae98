using System.Text.Json.Nodes;
using Lena.Clinical.Snapshot;

namespace Lena.Fhir;

/// <summary>The snapshot built from FHIR, what it was built from, and what is missing or wrong.</summary>
public sealed record FhirMapping
{
    /// <summary>An API.md patient snapshot; only fields with values (no nulls), never identifiers.</summary>
    public required JsonObject Snapshot { get; init; }

    /// <summary>
    /// The same snapshot, typed, for the clinical core's typed entry (validated there per concern); null when the record
    /// does not even give an indication and a sex.
    /// </summary>
    public PatientSnapshot? TypedSnapshot { get; init; }

    public required IReadOnlyList<UsedFhirValue> Used { get; init; }

    public required IReadOnlyList<FhirMappingProblem> Problems { get; init; }

    public bool CanEvaluate => !Problems.Any(p => p.Blocking);

    /// <summary>Dose of the draft order, if it has one.</summary>
    public OrderedDose? DraftDose { get; init; }
}
