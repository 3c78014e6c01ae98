using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;

namespace Lena.Clinical.Courses;

/// <summary>
/// The snapshot a completed follow-up's labs are checked with: the course's enrollment snapshot,
/// the new labs (dated the completion day unless they say otherwise), on treatment, with the
/// course's current dose and days on therapy, plus any therapy fields the caller overrides.
/// </summary>
public static class CompletionSnapshot
{
    /// <param name="renal">Renal function now, replacing the enrollment's (dosing needs it; enrollment may not have had it).</param>
    /// <param name="liver">Liver tests now (dated like the labs unless they say otherwise), replacing the enrollment's.</param>
    /// <returns>The merged snapshot, typed (read, not yet validated), or the shape errors of what the caller sent.</returns>
    public static SnapshotParseResult Build(string enrollmentJson, JsonElement labs, JsonElement? therapyOverrides, JsonElement? renal, DateOnly completedOn, double? currentDoseMg, JsonElement? liver = null) =>
        // The stored enrollment is a JSON document, so the merge happens there; the result is read once into the typed
        // snapshot, with the same reader as every request, and evaluated through the typed entry.
        SnapshotParser.Read(Merge(enrollmentJson, labs, therapyOverrides, renal, completedOn, currentDoseMg, liver));

    /// <summary>The merged snapshot as the JSON a portal would have sent (what a course's timeline records as the inputs).</summary>
    public static JsonElement Merge(string enrollmentJson, JsonElement labs, JsonElement? therapyOverrides, JsonElement? renal, DateOnly completedOn, double? currentDoseMg, JsonElement? liver = null)
    {
        var root = JsonNode.Parse(enrollmentJson)?.AsObject() ?? throw new InvalidOperationException("The stored enrollment snapshot is not a JSON object.");
        var newLabs = JsonNode.Parse(labs.GetRawText()) as JsonObject ?? [];
        if (!newLabs.ContainsKey("takenOn"))
        {
            newLabs["takenOn"] = completedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // Baselines come from enrollment unless the caller sends new ones.
        if (root["labs"] is JsonObject enrolled)
        {
            foreach (var baseline in new[] { "baselineAncPerMicroliter", "baselinePlateletsPerMicroliter" })
            {
                if (!newLabs.ContainsKey(baseline) && enrolled[baseline] is { } value)
                {
                    newLabs[baseline] = value.DeepClone();
                }
            }
        }

        root["labs"] = newLabs;
        var therapy = root["therapy"] as JsonObject ?? [];
        root["therapy"] = therapy;
        // A course that never had a dose (its start was not recommended) gave none: its labs are judged as a start, so the
        // dose gate answers as on every other route instead of a 400 asking for a dose that does not exist.
        therapy["status"] = LenaJson.WireName(currentDoseMg is null ? Snapshot.TherapyStatus.Starting : Snapshot.TherapyStatus.OnTreatment);
        if (currentDoseMg is { } dose)
        {
            therapy["currentDoseMg"] = dose;
        }

        if (therapy["startDate"]?.GetValue<string>() is { } start
            && DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startDate))
        {
            therapy["daysOnTherapy"] = Math.Max(0, completedOn.DayNumber - startDate.DayNumber);
        }

        if (therapyOverrides is { ValueKind: JsonValueKind.Object } overrides)
        {
            foreach (var property in overrides.EnumerateObject())
            {
                therapy[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        if (renal is { ValueKind: JsonValueKind.Object } renalNow)
        {
            root["renal"] = JsonNode.Parse(renalNow.GetRawText());
        }

        if (liver is { ValueKind: JsonValueKind.Object } liverNow)
        {
            var newLiver = JsonNode.Parse(liverNow.GetRawText())!.AsObject();
            if (!newLiver.ContainsKey("takenOn"))
            {
                newLiver["takenOn"] = newLabs["takenOn"]!.DeepClone();
            }

            root["liver"] = newLiver;
        }

        root.Remove("horizonDays");
        return JsonSerializer.SerializeToElement(root);
    }
}
