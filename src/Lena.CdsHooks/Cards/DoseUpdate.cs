using System.Globalization;
using System.Text.Json.Nodes;
using Lena.Clinical.Dosing;
using Lena.Clinical.Snapshot;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// The dose change as an <c>update</c> of the draft MedicationRequest: the client's own resource
/// with the first dosage instruction's dose (mg, UCUM) and timing (once daily or every 48 hours)
/// replaced and its text rewritten, so the order never says two different things.
/// </summary>
public static class DoseUpdate
{
    private const string Ucum = "http://unitsofmeasure.org";

    public static Suggestion Suggestion(CardInput input, DoseRecommendation dose)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(dose);
        var text = DoseText.Of(dose);
        var resource = Updated(input.DraftOrderJson!, dose, text);
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

    public static JsonObject Updated(JsonObject draft, DoseRecommendation dose, string text)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(dose);
        var resource = (JsonObject)draft.DeepClone();
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
}
