using System.Globalization;
using System.Text.Json.Nodes;
using Lena.Clinical.Dosing;
using Lena.Clinical.Snapshot;
using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// The dose change as an <c>update</c> of the draft MedicationRequest: the client's own resource
/// with the first dosage instruction's dose (mg, UCUM) and timing (once daily or every 48 hours)
/// replaced and its text rewritten, so the order never says two different things.
/// </summary>
public static class DoseUpdate
{
    private const string Ucum = "http://unitsofmeasure.org";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>The update suggestion, or null when the draft's product cannot be changed to the new dose safely.</summary>
    public static Suggestion? Suggestion(CardInput input, DoseRecommendation dose)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(dose);
        var text = DoseText.Of(dose);
        if (Updated(input.DraftOrderJson!, dose, text) is not { } resource)
        {
            return null;
        }

        return new Suggestion
        {
            Label = MarkdownText.Limit($"Change the order to {text}", 139),
            Uuid = CardUuid.For(input.PatientId, input.DraftOrderReference, "dose", "update", dose.DoseMg!.Value.ToString("R", CultureInfo.InvariantCulture), dose.Frequency?.ToString() ?? string.Empty),
            IsRecommended = true,
            Actions =
            [
                new SuggestionAction
                {
                    Type = "update",
                    Description = MarkdownText.Limit($"Set the draft lenalidomide order to {text}.", 200),
                    Resource = resource,
                },
            ],
        };
    }

    public static JsonObject? Updated(JsonObject draft, DoseRecommendation dose, string text)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(dose);
        var resource = (JsonObject)draft.DeepClone();
        if (!ProductFits(resource, dose.DoseMg!.Value))
        {
            return null;
        }

        if (resource["dosageInstruction"] is not JsonArray { Count: > 0 } instructions || instructions[0] is not JsonObject)
        {
            instructions = [new JsonObject()];
            resource["dosageInstruction"] = instructions;
        }

        var instruction = (JsonObject)instructions[0]!;
        instruction["text"] = text;

        // R4 puts the dose under doseAndRate; some clients (the spec's own example) still send the STU3 doseQuantity.
        instruction.Remove("doseQuantity");
        instruction["doseAndRate"] = new JsonArray(new JsonObject
        {
            ["doseQuantity"] = new JsonObject
            {
                ["value"] = dose.DoseMg!.Value,
                ["unit"] = "mg",
                ["system"] = Ucum,
                ["code"] = "mg",
            },
        });

        if (instruction["timing"] is not JsonObject timing)
        {
            timing = new JsonObject();
            instruction["timing"] = timing;
        }

        if (timing["repeat"] is not JsonObject repeat)
        {
            repeat = new JsonObject();
            timing["repeat"] = repeat;
        }

        timing.Remove("code");
        repeat["frequency"] = 1;
        repeat["period"] = dose.Frequency == DoseFrequency.Every48Hours ? 2 : 1;
        repeat["periodUnit"] = "d";
        return resource;
    }

    /// <summary>
    /// A capsule product of one strength (e.g. "lenalidomide 10 MG Oral Capsule") is switched to the
    /// capsule of the new dose, in the order or its contained Medication; a product we cannot see
    /// (a Medication elsewhere) is not touched, and then no update is offered.
    /// </summary>
    private static bool ProductFits(JsonObject resource, double doseMg)
    {
        if (resource["medicationCodeableConcept"] is JsonObject concept)
        {
            return SwitchCapsule(concept, doseMg);
        }

        var reference = (resource["medicationReference"] as JsonObject)?["reference"]?.GetValue<string>();
        if (reference is null || !reference.StartsWith('#'))
        {
            return false;
        }

        var contained = (resource["contained"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => (string?)r["resourceType"] == "Medication" && (string?)r["id"] == reference[1..]);
        return contained?["code"] is JsonObject code && SwitchCapsule(code, doseMg);
    }

    private static bool SwitchCapsule(JsonObject concept, double doseMg)
    {
        var codings = (concept["coding"] as JsonArray)?.OfType<JsonObject>()
            .Where(c => (string?)c["system"] == RxNorm && c["code"] is not null)
            .ToList() ?? [];
        var strengthSpecific = codings.Where(c => LenalidomideOrders.CapsuleStrengthMg((string)c["code"]!) is not null).ToList();
        foreach (var coding in strengthSpecific)
        {
            var brand = LenalidomideOrders.IsBrand((string)coding["code"]!);
            if (LenalidomideOrders.CapsuleCode(doseMg, brand) is not { } code)
            {
                return false;
            }

            coding["code"] = code;
            coding["display"] = CapsuleDisplay(doseMg, brand);
        }

        if (strengthSpecific.Count > 0)
        {
            concept["text"] = CapsuleDisplay(doseMg, brand: strengthSpecific.Any(c => LenalidomideOrders.IsBrand((string)c["code"]!)));
        }

        return true;
    }

    private static string CapsuleDisplay(double doseMg, bool brand) =>
        string.Create(CultureInfo.InvariantCulture, $"lenalidomide {doseMg:0.##} MG Oral Capsule") + (brand ? " [Revlimid]" : string.Empty);
}
