using System.Text.Json;
using System.Text.Json.Nodes;
using LenaFunctions.Functions.Api;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>
/// The served document is the repository's, with its largest examples by reference: at most ServedOpenApi.Budget
/// (150 KB, issue 15), and nothing lost — putting every referenced example back gives the repository document.
/// </summary>
public sealed class ServedDocumentTests
{
    [Fact]
    public void Is_at_most_150_KB()
    {
        // The figure, not only the constant: raising Budget alone does not pass this test.
        Assert.True(OpenApiDocument.Bytes.Length <= ServedOpenApi.Budget && ServedOpenApi.Budget <= 150_000, $"{OpenApiDocument.Bytes.Length:N0} bytes served, budget {ServedOpenApi.Budget:N0}");
        Assert.True(OpenApiDocument.SourceBytes.Length > ServedOpenApi.Budget, "nothing to move out: the budget no longer needs ServedOpenApi");
    }

    [Fact]
    public void Is_the_repository_document_once_every_external_example_is_put_back()
    {
        var served = JsonNode.Parse(OpenApiDocument.Bytes)!;
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        PutBack(served, referenced);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OpenApiDocument.SourceBytes), served));
        Assert.Equal(OpenApiDocument.Examples.Keys.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keeps_the_rule_set_examples_by_reference_and_small_examples_inline()
    {
        var served = JsonDocument.Parse(OpenApiDocument.Bytes).RootElement;
        var rules = served.GetProperty("paths").GetProperty("/rules").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("active");
        Assert.StartsWith(ServedOpenApi.ExamplePath, rules.GetProperty("externalValue").GetString(), StringComparison.Ordinal);
        Assert.False(rules.TryGetProperty("value", out _));

        Assert.Contains(OpenApiSpec.Examples, e => e.Name is not null && Inline(served, e));
    }

    private static bool Inline(JsonElement served, ExampleCase example) =>
        example.Path is { } path && example.Method is { } method && example.Status is { } status && example.MediaType is { } media
        && served.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").TryGetProperty(status, out var response)
        && response.TryGetProperty("content", out var content) && content.TryGetProperty(media, out var type)
        && type.TryGetProperty("examples", out var examples) && examples.TryGetProperty(example.Name!, out var named)
        && named.TryGetProperty("value", out _);

    private static void PutBack(JsonNode? node, HashSet<string> referenced)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["externalValue"]?.GetValue<string>() is { } url && url.StartsWith(ServedOpenApi.ExamplePath, StringComparison.Ordinal))
                {
                    var id = url[ServedOpenApi.ExamplePath.Length..];
                    Assert.True(OpenApiDocument.Examples.TryGetValue(id, out var value), $"{url} is not served");
                    Assert.Equal(id, ServedOpenApi.Id(value!));
                    referenced.Add(id);
                    obj.Remove("externalValue");
                    obj["value"] = JsonNode.Parse(value!);
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    PutBack(child, referenced);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToArray())
                {
                    PutBack(child, referenced);
                }

                break;
        }
    }
}
