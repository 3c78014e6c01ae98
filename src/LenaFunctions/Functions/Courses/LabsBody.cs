using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Courses.Therapy;

namespace LenaFunctions.Functions.Courses;

/// <summary>
/// The body of <c>POST …/labs</c>: the snapshot's lab fields (<c>labs.*</c>) and liver fields (<c>liver.*</c>)
/// at the top level, with <c>takenOn</c> for both, plus <c>renal</c> and the toxicity facts of <c>therapy</c>.
/// Values are validated by the snapshot validator, whose paths are mapped back to this body's.
/// </summary>
public static class LabsBody
{
    private static readonly HashSet<string> LabFields = new(StringComparer.Ordinal)
    {
        "takenOn", "ancPerMicroliter", "plateletsPerMicroliter", "hemoglobinGPerDl", "baselineAncPerMicroliter", "baselinePlateletsPerMicroliter",
    };

    private static readonly HashSet<string> LiverFields = new(StringComparer.Ordinal) { "altTimesUpperLimit", "astTimesUpperLimit", "bilirubinTimesUpperLimit" };

    public static (LabsInput? Input, ProblemDetails? Problem) Split(byte[] body)
    {
        JsonDocument? document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            document = null;
        }

        using var owned = document;
        var errors = new ValidationErrors();
        if (document is not { RootElement.ValueKind: JsonValueKind.Object })
        {
            errors.Add("$", "The body must be a JSON object of lab results: { \"takenOn\": \"yyyy-MM-dd\", \"ancPerMicroliter\": …, \"plateletsPerMicroliter\": … }.");
            return (null, ProblemDetails.Validation(errors));
        }

        JsonObject labs = [], liver = [];
        JsonElement? renal = null, therapy = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var name = property.Name;
            if (!seen.Add(name))
            {
                errors.Add(name, "is sent twice; send each property once.");
            }
            else if (LabFields.Contains(name))
            {
                labs[name] = JsonNode.Parse(property.Value.GetRawText());
            }
            else if (LiverFields.Contains(name))
            {
                liver[name] = JsonNode.Parse(property.Value.GetRawText());
            }
            else if (name == "renal")
            {
                renal = property.Value.Clone();
            }
            else if (name == "therapy")
            {
                therapy = property.Value.Clone();
            }
            else
            {
                errors.Add(name, "is not a known property here: send lab fields (takenOn, ancPerMicroliter, plateletsPerMicroliter, hemoglobinGPerDl, baselines), liver fields (altTimesUpperLimit, astTimesUpperLimit, bilirubinTimesUpperLimit), renal and therapy (toxicity facts).");
            }
        }

        if (labs["takenOn"] is not JsonValue)
        {
            errors.Add("takenOn", "is required: the day the blood was taken (yyyy-MM-dd).");
        }

        return errors.IsEmpty
            ? (new LabsInput(JsonSerializer.SerializeToElement(labs), liver.Count > 0 ? JsonSerializer.SerializeToElement(liver) : null, therapy, renal), null)
            : (null, ProblemDetails.Validation(errors));
    }

    /// <summary>The snapshot validator's paths in this body's terms (<c>labs.x</c> and <c>liver.x</c> are top-level here).</summary>
    public static ValidationErrors ToBodyPaths(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var mapped = new ValidationErrors();
        foreach (var (path, messages) in errors.ToDictionary())
        {
            var local = path.StartsWith("labs.", StringComparison.Ordinal) ? path["labs.".Length..]
                : path.StartsWith("liver.", StringComparison.Ordinal) ? path["liver.".Length..]
                : path;
            foreach (var message in messages)
            {
                mapped.Add(local, message);
            }
        }

        return mapped;
    }
}
