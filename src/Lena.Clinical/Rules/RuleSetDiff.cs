using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lena.Clinical.Rules;

/// <summary>
/// A rule-by-rule comparison of two rule-set documents. Array elements are matched by their
/// identity (id, indication, band, code, test) rather than position, so moving a rule is no change
/// and a changed threshold is reported at the rule that holds it. Shared by <c>lena rules diff</c>
/// and the workbench's <c>POST /api/rules/what-if</c>, so both show a change alike.
/// </summary>
public static class RuleSetDiff
{
    private static readonly string[] IdentityKeys = ["id", "indication", "band", "when", "code", "test"];

    public static IReadOnlyList<string> Compare(JsonNode? left, JsonNode? right)
    {
        var a = Flatten(left);
        var b = Flatten(right);
        var lines = new List<string>();
        foreach (var (path, value) in a)
        {
            if (!b.TryGetValue(path, out var other))
            {
                lines.Add($"- {path}: {value}");
            }
            else if (other != value)
            {
                lines.Add($"~ {path}: {value} -> {other}");
            }
        }

        lines.AddRange(b.Where(kv => !a.ContainsKey(kv.Key)).Select(kv => $"+ {kv.Key}: {kv.Value}"));
        return lines;
    }

    private static SortedDictionary<string, string> Flatten(JsonNode? root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "$", result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, SortedDictionary<string, string> result)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, $"{path}.{name}", result);
                }

                break;
            case JsonArray array when array.All(e => e is JsonValue):
                // A list of plain values (days, factors, indications) reads best as one value.
                result[path] = array.ToJsonString();
                break;
            case JsonArray array:
                // Two elements with one identity (a draft with a repeated id) must not overwrite each
                // other: the second and later ones get #2, #3, … so every element is compared.
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < array.Count; i++)
                {
                    var identity = Identity(array[i], i);
                    var count = seen[identity] = seen.GetValueOrDefault(identity) + 1;
                    Walk(array[i], count == 1 ? $"{path}[{identity}]" : $"{path}[{identity}#{count}]", result);
                }

                break;
            default:
                result[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }

    private static string Identity(JsonNode? element, int index)
    {
        if (element is JsonObject obj)
        {
            foreach (var key in IdentityKeys)
            {
                if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    var code = obj["finding"]?["code"]?.GetValue<string>();
                    return code is null || key != "when" ? value.GetValue<string>() : $"{value.GetValue<string>()}:{code}";
                }

                if (key == "when" && obj["finding"]?["code"] is JsonValue findingCode)
                {
                    return findingCode.GetValue<string>();
                }
            }
        }

        return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
