using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;

namespace Lena.Clinical.Tests.Validation;

/// <summary>
/// The two ways into the snapshot reader — a request body's bytes, and a snapshot some code assembled as JSON — must
/// read every body alike: the same snapshot, the same errors in the same order, on valid bodies and on bodies with
/// their fields reordered, escaped, unknown, null, missing or of the wrong type (issue 15 changed how the reader
/// tracks the names it was asked for; a faster lookup for bodies was tried and measured slower, see RESULTS.md).
/// </summary>
public class SnapshotEntryEquivalenceTests
{
    [Fact]
    public void BytesAndElementReadEveryVariantOfThePanelAlike()
    {
        var variants = 0;
        foreach (var file in PanelFiles())
        {
            foreach (var body in Variants(File.ReadAllText(file)))
            {
                AssertSameReading(body, Path.GetFileName(file));
                variants++;
            }
        }

        Assert.True(variants > 2000, $"only {variants} variants");
    }

    private static void AssertSameReading(string body, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var fromBytes = SnapshotParser.Read(bytes);
        using var document = JsonDocument.Parse(bytes);
        var reference = SnapshotParser.Read(document.RootElement);
        Assert.True(Describe(reference) == Describe(fromBytes), $"{what}: {body}\nelement: {Describe(reference)}\nbytes: {Describe(fromBytes)}");
    }

    private static string Describe(SnapshotParseResult result) =>
        JsonSerializer.Serialize(result.Errors.ToDictionary()) + " " + result.Errors.Count + " "
        + (result.Snapshot is null ? "no snapshot" : JsonSerializer.Serialize(result.Snapshot, LenaJson.Options));

    /// <summary>The body, reversed, and per property: escaped, null, missing, mistyped, joined by an unknown near-miss.</summary>
    private static IEnumerable<string> Variants(string text)
    {
        var original = JsonNode.Parse(text)!.AsObject();
        yield return original.ToJsonString();
        yield return Reversed(original)!.ToJsonString();
        var paths = Objects(original, []).SelectMany(o => o.Object.Select(p => (o.Path, Name: p.Key))).ToList();
        foreach (var (path, name) in paths)
        {
            foreach (var change in new Action<JsonObject>[]
            {
                o => o[name] = null,
                o => o.Remove(name),
                o => o[name] = "text",
                o => o[name] = 1.5,
                o => o[name] = new JsonArray(1),
                o => o[name] = new JsonObject { ["x"] = true },
                o => o[name + "s"] = false,
                o => o["zz" + name] = 1,
            })
            {
                var copy = original.DeepClone().AsObject();
                change(At(copy, path));
                yield return copy.ToJsonString();
            }

            // The same name written with an escape (\u0061 for a): equal to the plain name once unescaped.
            var escaped = $"\"\\u{(int)name[0]:x4}{name[1..]}\":";
            var plain = original.ToJsonString();
            var index = plain.IndexOf($"\"{name}\":", StringComparison.Ordinal);
            yield return plain[..index] + escaped + plain[(index + name.Length + 3)..];
        }
    }

    private static JsonObject At(JsonObject root, IReadOnlyList<object> path)
    {
        JsonNode node = root;
        foreach (var step in path)
        {
            node = step is string name ? node[name]! : node[(int)step]!;
        }

        return node.AsObject();
    }

    private static IEnumerable<(IReadOnlyList<object> Path, JsonObject Object)> Objects(JsonObject node, IReadOnlyList<object> path)
    {
        yield return (path, node);
        foreach (var (name, value) in node)
        {
            if (value is JsonObject child)
            {
                foreach (var inner in Objects(child, [.. path, name]))
                {
                    yield return inner;
                }
            }
            else if (value is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item)
                    {
                        foreach (var inner in Objects(item, [.. path, name, i]))
                        {
                            yield return inner;
                        }
                    }
                }
            }
        }
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Reversed).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static IEnumerable<string> PanelFiles()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(Path.Combine(samples, "panel")))
            {
                return Directory.GetFiles(Path.Combine(samples, "panel"), "*.json").Append(Path.Combine(samples, "patient.json")).Order(StringComparer.Ordinal);
            }
        }

        throw new DirectoryNotFoundException("samples/panel not found above " + AppContext.BaseDirectory);
    }
}
