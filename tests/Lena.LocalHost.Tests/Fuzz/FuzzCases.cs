using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Lena.LocalHost.Tests.Fuzz;

/// <summary>
/// Generators of malformed and borderline requests for every route of the app: valid bodies
/// mutated (truncated, bytes that are not UTF-8, a key twice, a value of the wrong kind or size,
/// thousands of unknown keys, deep nesting), odd paths and ids, and odd headers.
/// </summary>
public static class FuzzCases
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    /// <summary>Route templates with a well-formed body for each (null: no body).</summary>
    public static Gen<FuzzCase> Any(IReadOnlyDictionary<string, byte[]> bodies, IReadOnlyList<string> tokens)
    {
        var route = Gen.Elements(
            "api/dosing", "api/monitoring-schedule", "api/vte-prophylaxis", "api/contraindications", "api/assessments",
            "api/courses", "api/courses/{course}", "api/courses/{course}/follow-ups", "api/courses/{course}/follow-ups/{followUp}/complete",
            "api/courses/{course}/stop", "api/rules", "api/rules/versions", "api/rules/versions/{version}", "api/rules/active", "api/rules/audit",
            "api/health", "api/openapi.json", "api/openapi/examples/{junk}", "api/cds-services", "api/cds-services/{service}", "api/cds-services/{service}/feedback",
            "api/{junk}", "api/courses/{junk}/{junk}");
        return
            from template in route
            from method in Gen.Frequency((3, Gen.Constant(DefaultMethod(template))), (1, Gen.Elements(Methods)))
            from path in Path(template)
            from contentType in Gen.Frequency(
                (8, Gen.Constant<string?>("application/json")),
                (1, Gen.Elements<string?>(null, "text/plain", "application/json; charset=latin1", "application/json; charset=\"utf-8\"", "application/x-www-form-urlencoded", ";;;", "application/problem+json")))
            from body in method is "GET" or "HEAD" or "OPTIONS" ? Gen.Constant<byte[]?>(null) : Body(bodies[BodyFor(template, bodies)])
            from ifMatch in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("*", "abc", "\"abc\"", "W/\"datetime'2026-01-01'\"", "W/abc", "\"", "\"a\"b\"", "*, \"x\"", new string('x', 5000))))
            from key in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("k1", "has space", "ключ", "", new string('k', 300), "\"quoted\"")))
            from token in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("Bearer x", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer " + new string('a', 9000))), (2, tokens.Count == 0 ? Gen.Constant<string?>(null) : Gen.Elements(tokens.Select(t => (string?)("Bearer " + t)).ToArray())))
            from origin in Gen.Elements<string?>(null, null, "https://portal.example.org", "null", "http://evil.test")
            select new FuzzCase(method, path, Headers(("Content-Type", contentType), ("If-Match", ifMatch), ("Idempotency-Key", key), ("Authorization", template.StartsWith("api/cds", StringComparison.Ordinal) ? token : null), ("Origin", origin)), body);
    }

    private static string DefaultMethod(string template) => template switch
    {
        "api/rules/active" => "PUT",
        "api/courses" or "api/rules/versions" or "api/cds-services/{service}" or "api/cds-services/{service}/feedback" => "POST",
        _ when template.EndsWith("/complete", StringComparison.Ordinal) || template.EndsWith("/stop", StringComparison.Ordinal) => "POST",
        "api/dosing" or "api/monitoring-schedule" or "api/vte-prophylaxis" or "api/contraindications" or "api/assessments" => "POST",
        _ => "GET",
    };

    private static string BodyFor(string template, IReadOnlyDictionary<string, byte[]> bodies) => template switch
    {
        "api/rules/versions" => "publish",
        "api/rules/active" => "activate",
        "api/cds-services/{service}" => "cds",
        "api/cds-services/{service}/feedback" => "feedback",
        _ when template.EndsWith("/complete", StringComparison.Ordinal) => "complete",
        _ when template.EndsWith("/stop", StringComparison.Ordinal) => "stop",
        _ => bodies.ContainsKey(template) ? template : "patient",
    } is var name && bodies.ContainsKey(name) ? name : "patient";

    private static (string Name, string Value)[] Headers(params (string Name, string? Value)[] headers) =>
        headers.Where(h => h.Value is not null).Select(h => (h.Name, h.Value!)).ToArray();

    private static Gen<string> Path(string template)
    {
        var course = Gen.Frequency((3, Gen.Elements("0123456789abcdef0123456789abcdef", "ffffffffffffffffffffffffffffffff")), (2, Junk()));
        var followUp = Gen.Frequency((3, Gen.Elements("20261123-cbc", "99991231-cbc", "00010101-x")), (2, Junk()));
        var version = Gen.Frequency((3, Gen.Elements("2026.11.1", "2099.1.1")), (2, Junk()));
        var service = Gen.Frequency((3, Gen.Elements("lenalidomide-order-sign", "lenalidomide-order-select")), (2, Junk()));
        return
            from c in course
            from f in followUp
            from v in version
            from s in service
            from j in Junk()
            select template.Replace("{course}", c, StringComparison.Ordinal).Replace("{followUp}", f, StringComparison.Ordinal)
                .Replace("{version}", v, StringComparison.Ordinal).Replace("{service}", s, StringComparison.Ordinal).Replace("{junk}", j, StringComparison.Ordinal);
    }

    private static Gen<string> Junk() => Gen.Elements(
        "x", "..", "%2e%2e", "a%2Fb", "%00", "%ff", "%E2%82%AC", "a#b", "a?b=1", "ü", new string('z', 2000), "-1", "9999999999999999999999",
        "%25", "%0d%0aX-Injected:1", "con", "' OR 1=1 --", "{course}", "null");

    private static Gen<byte[]?> Body(byte[] valid) =>
        from kind in Gen.Choose(0, 13)
        from position in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 40)
        select Mutate(valid, kind, position, count);

    private static byte[]? Mutate(byte[] valid, int kind, int position, int count)
    {
        var at = position % Math.Max(valid.Length, 1);
        return kind switch
        {
            0 => valid,
            1 => valid[..at],
            2 => [.. valid[..at], 0xFF, 0xC3, 0x28, .. valid[at..]],
            3 => [],
            4 => Encoding.UTF8.GetBytes(new string('[', 200 + count) + new string(']', 200 + count)),
            5 => Encoding.UTF8.GetBytes(count % 2 == 0 ? "null" : "\"a string\""),
            6 => DuplicateFirstKey(valid),
            7 => WithUnknownKeys(valid, count * 500),
            8 => ReplaceValues(valid, count, JsonValue.Create(new string('v', 40_000))),
            9 => ReplaceValues(valid, count, JsonValue.Create(1e300)),
            10 => ReplaceValues(valid, count, new JsonArray(JsonValue.Create(-1), JsonValue.Create("x"), null)),
            11 => ReplaceValues(valid, count, JsonValue.Create("9999-12-31T23:59:59Z")),
            12 => ReplaceValues(valid, count, null),
            _ => [.. valid, .. "garbage"u8.ToArray()],
        };
    }

    private static byte[] DuplicateFirstKey(byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var colon = text.IndexOf(':', open + 1);
        var comma = text.IndexOf(',', colon + 1);
        return open < 0 || colon < 0 || comma < 0 ? valid : Encoding.UTF8.GetBytes(text[..(open + 1)] + text[(open + 1)..comma] + "," + text[(open + 1)..]);
    }

    private static byte[] WithUnknownKeys(byte[] valid, int keys)
    {
        if (JsonNode.Parse(valid) is not JsonObject root)
        {
            return valid;
        }

        for (var i = 0; i < keys; i++)
        {
            root["unknown" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = i;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>Replaces the <paramref name="nth"/> leaf value (depth first, wrapping) with <paramref name="value"/>.</summary>
    private static byte[] ReplaceValues(byte[] valid, int nth, JsonNode? value)
    {
        var root = JsonNode.Parse(valid);
        var leaves = new List<(JsonNode Parent, object Key)>();
        Collect(root, leaves);
        if (leaves.Count == 0)
        {
            return valid;
        }

        var (parent, key) = leaves[nth % leaves.Count];
        if (parent is JsonObject o)
        {
            o[(string)key] = value?.DeepClone();
        }
        else if (parent is JsonArray a)
        {
            a[(int)key] = value?.DeepClone();
        }

        return Encoding.UTF8.GetBytes(root!.ToJsonString());
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, object Key)> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToArray())
                {
                    if (child is JsonObject or JsonArray)
                    {
                        Collect(child, leaves);
                    }
                    else
                    {
                        leaves.Add((o, name));
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject or JsonArray)
                    {
                        Collect(a[i], leaves);
                    }
                    else
                    {
                        leaves.Add((a, i));
                    }
                }

                break;
        }
    }
}
