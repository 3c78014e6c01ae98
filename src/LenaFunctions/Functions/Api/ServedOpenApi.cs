using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// The OpenAPI document as served: the repository's document, compact, with its largest example
/// values moved out by reference (<c>externalValue: /api/openapi/examples/{id}</c>, served by
/// <see cref="OpenApiExample"/>) until the document is at most <see cref="Budget"/> bytes. Four rule-set
/// examples alone were 83 KB each; integrators keep every example (Redoc and the linters follow
/// <c>externalValue</c>), the document stays small enough to load and diff. The id is the value's
/// content hash, so an example URL never changes meaning and is cacheable for good; equal values share one URL.
/// Largest first, smallest stay inline: the choice depends only on the document, never on the build or the host.
/// </summary>
public sealed class ServedOpenApi
{
    /// <summary>
    /// The served document's ceiling, decoded (issue 15). The document without any example value is about
    /// 145 KB (eng/openapi/served-budget.py keeps it there), so examples fill the rest up to this budget and
    /// about 4 KB of new routes fit before descriptions must get shorter again (python3 eng/openapi/served-size.py).
    /// </summary>
    public const int Budget = 150_000;

    /// <summary>Where the examples are served, as written into <c>externalValue</c> (an absolute path: independent of the server URL).</summary>
    public const string ExamplePath = "/api/openapi/examples/";

    // Non-ASCII text (µ, –, ≥) stays as UTF-8 instead of \u escapes: it is served as JSON with nosniff, never as HTML.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ServedOpenApi(byte[] source, byte[] document, IReadOnlyDictionary<string, byte[]> examples)
    {
        Source = source;
        Document = document;
        Examples = examples;
    }

    /// <summary>The repository's document, compact, every example inline (what the tests check examples in).</summary>
    public byte[] Source { get; }

    /// <summary>The served document (compact UTF-8 JSON).</summary>
    public byte[] Document { get; }

    /// <summary>The example values moved out, by id (compact UTF-8 JSON).</summary>
    public IReadOnlyDictionary<string, byte[]> Examples { get; }

    public static ServedOpenApi From(Stream repositoryDocument)
    {
        var root = JsonNode.Parse(repositoryDocument)?.AsObject() ?? throw new InvalidOperationException("The OpenAPI document is empty.");
        var source = JsonSerializer.SerializeToUtf8Bytes(root, Compact);
        var candidates = new List<(JsonObject Example, byte[] Value, string Where)>();
        Collect(root, "#", candidates);

        var size = source.Length;
        var examples = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (example, value, _) in candidates.OrderByDescending(c => c.Value.Length).ThenBy(c => c.Where, StringComparer.Ordinal))
        {
            if (size <= Budget)
            {
                break;
            }

            var id = Id(value);
            var url = ExamplePath + id;
            examples.TryAdd(id, value);
            example.Remove("value");
            example["externalValue"] = url;

            // "value":<value> becomes "externalValue":"<url>" (the comma between members stays as it was).
            size += ("\"externalValue\":\"".Length + url.Length + 1) - ("\"value\":".Length + value.Length);
        }

        var document = JsonSerializer.SerializeToUtf8Bytes(root, Compact);
        return new ServedOpenApi(source, document, examples);
    }

    /// <summary>The first 16 hex digits of the value's SHA-256 (compact bytes).</summary>
    public static string Id(byte[] value) => Convert.ToHexStringLower(SHA256.HashData(value))[..16];

    /// <summary>Every Example Object with an inline value: the members of any <c>examples</c> map (media types, parameters, components).</summary>
    private static void Collect(JsonNode? node, string where, List<(JsonObject, byte[], string)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (name == "examples" && child is JsonObject map)
                    {
                        foreach (var (key, example) in map)
                        {
                            if (example is JsonObject exampleObject && exampleObject["value"] is { } value && !exampleObject.ContainsKey("$ref"))
                            {
                                into.Add((exampleObject, JsonSerializer.SerializeToUtf8Bytes(value, Compact), $"{where}/examples/{key}"));
                            }
                        }
                    }
                    else
                    {
                        Collect(child, $"{where}/{name}", into);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], $"{where}/{i}", into);
                }

                break;
        }
    }
}
