using System.Text.Json.Nodes;
using Lena.Clinical.Assessment;
using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>Everything the cards for one draft lenalidomide order are made from.</summary>
public sealed record CardInput
{
    /// <summary>context.patientId; only ever hashed into card uuids.</summary>
    public required string PatientId { get; init; }

    /// <summary>"MedicationRequest/abc" — the draft order the cards are about.</summary>
    public required string DraftOrderReference { get; init; }

    /// <summary>The draft order as the client sent it; the base of an update suggestion.</summary>
    public JsonObject? DraftOrderJson { get; init; }
    public required FhirMapping Mapping { get; init; }

    /// <summary>The advice of every concern the record allowed; a withheld concern's part is null and gets no card.</summary>
    public required AdviceParts Advice { get; init; }

    public string RuleSetVersion => Advice.Context.Rules.Version;
}
