using System.Text.Json;

namespace Lena.CdsHooks.Tests.Support;

/// <summary>The CDS Hooks 2.0 rules every response of ours must keep.</summary>
internal static class CardShape
{
    private static readonly string[] Indicators = ["info", "warning", "critical"];
    private static readonly string[] ActionTypes = ["create", "update", "delete"];

    public static void AssertValid(JsonElement response)
    {
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.Equal(["cards"], response.EnumerateObject().Select(p => p.Name));
        AssertNoNullsOrEmptyOptionals(response, "$");
        foreach (var card in response.GetProperty("cards").EnumerateArray())
        {
            Assert.True(Guid.TryParse(card.GetProperty("uuid").GetString(), out _));
            var summary = card.GetProperty("summary").GetString()!;
            Assert.InRange(summary.Length, 1, 139);
            Assert.Contains(card.GetProperty("indicator").GetString(), Indicators);
            Assert.False(string.IsNullOrWhiteSpace(card.GetProperty("source").GetProperty("label").GetString()));
            Assert.Contains("Rule set ", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var hasSuggestions = card.TryGetProperty("suggestions", out var suggestions);
            Assert.Equal(hasSuggestions, card.TryGetProperty("selectionBehavior", out var behavior));
            if (!hasSuggestions)
            {
                continue;
            }

            Assert.Contains(behavior.GetString(), new[] { "at-most-one", "any" });
            if (behavior.GetString() == "at-most-one")
            {
                Assert.Single(suggestions.EnumerateArray());
            }

            foreach (var suggestion in suggestions.EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(suggestion.GetProperty("label").GetString()));
                Assert.True(Guid.TryParse(suggestion.GetProperty("uuid").GetString(), out _));
                foreach (var action in suggestion.GetProperty("actions").EnumerateArray())
                {
                    Assert.Contains(action.GetProperty("type").GetString(), ActionTypes);
                    Assert.False(string.IsNullOrWhiteSpace(action.GetProperty("description").GetString()));
                    if (action.GetProperty("type").GetString() != "delete")
                    {
                        Assert.Equal("MedicationRequest", action.GetProperty("resource").GetProperty("resourceType").GetString());
                    }
                }
            }
        }
    }

    private static void AssertNoNullsOrEmptyOptionals(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Fail($"{path} is null; optional members must be omitted.");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AssertNoNullsOrEmptyOptionals(property.Value, path + "." + property.Name);
                }

                break;
            case JsonValueKind.Array:
                // The cards array is required and may be empty; every other array is optional and so never empty.
                Assert.True(path == "$.cards" || element.GetArrayLength() > 0, $"{path} is an empty array; omit it instead.");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoNullsOrEmptyOptionals(item, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.String:
                Assert.True(element.GetString()!.Length > 0 || path.Contains(".resource", StringComparison.Ordinal), $"{path} is an empty string.");
                break;
        }
    }
}
