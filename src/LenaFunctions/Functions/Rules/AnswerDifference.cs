using System.Text.Json.Nodes;

namespace LenaFunctions.Functions.Rules;

/// <summary>
/// One way two answers to the same snapshot differ: the field (<c>dose.doseMg</c>, <c>status</c>,
/// <c>findings.renalDoseAdjustment</c> for a finding's severity) and its value under the active and the
/// draft rule set, as text (a string as itself, anything else as its JSON; null where it is absent).
/// </summary>
public sealed record AnswerDifference(string Path, string? Active, string? Draft)
{
    /// <summary>What a reviewer reads first: the HTTP status, the dose decision, the prophylaxis, the contraindication status, the renal band.</summary>
    private static readonly string[] ComparedPaths =
    [
        "dose.action", "dose.doseMg", "dose.frequency", "dose.schedule", "dose.administration", "dose.doseLevel",
        "dose.resumeWhen", "dose.resumeDoseMg", "prophylaxis.recommendation", "status", "derived.renalBand", "errors",
    ];

    /// <summary>Every difference between the answers <paramref name="active"/> and <paramref name="draft"/> (bodies with their HTTP status).</summary>
    public static IReadOnlyList<AnswerDifference> Between(int activeStatus, JsonNode? active, int draftStatus, JsonNode? draft)
    {
        var differences = new List<AnswerDifference>();
        if (activeStatus != draftStatus)
        {
            differences.Add(new("httpStatus", Text(activeStatus), Text(draftStatus)));
        }

        foreach (var path in ComparedPaths)
        {
            var a = At(active, path);
            var b = At(draft, path);
            if (!JsonNode.DeepEquals(a, b))
            {
                differences.Add(new(path, Text(a), Text(b)));
            }
        }

        var activeFindings = Severities(active);
        var draftFindings = Severities(draft);
        foreach (var code in activeFindings.Keys.Union(draftFindings.Keys).Order(StringComparer.Ordinal))
        {
            var a = activeFindings.GetValueOrDefault(code);
            var b = draftFindings.GetValueOrDefault(code);
            if (a != b)
            {
                differences.Add(new("findings." + code, a, b));
            }
        }

        return differences;
    }

    private static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string Text(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var name in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node;
    }

    /// <summary>Finding code → severity; a finding whose message alone changed is the same finding.</summary>
    private static Dictionary<string, string> Severities(JsonNode? answer)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (answer?["findings"] is JsonArray findings)
        {
            foreach (var finding in findings.OfType<JsonObject>())
            {
                if (finding["code"]?.GetValue<string>() is { } code)
                {
                    result[code] = finding["severity"]?.GetValue<string>() ?? "";
                }
            }
        }

        return result;
    }
}
