using System.Text;
using Lena.CdsHooks.Feedback;

namespace Lena.CdsHooks.Tests.Feedback;

public sealed class CdsFeedbackParserTests
{
    private const string Card = "9368d37b-283f-44a0-93ea-547cebab93ed";
    private const string Suggestion = "e56e1945-20b3-4393-8503-a1a20fd73152";

    private static CdsFeedbackParseResult Parse(string json) => CdsFeedbackParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string One(string item) => $$"""{ "feedback": [ {{item}} ] }""";

    private static void AssertError(CdsFeedbackParseResult result, string path)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Items);
        var errors = result.Errors.ToDictionary();
        Assert.True(errors.ContainsKey(path), $"Expected an error at {path}; got {string.Join(", ", errors.Keys)}.");
    }

    [Fact]
    public void An_accepted_card_with_its_suggestions_is_read()
    {
        var result = Parse(One($$"""
            { "card": "{{Card}}", "outcome": "accepted", "acceptedSuggestions": [ { "id": "{{Suggestion}}" } ], "outcomeTimestamp": "2026-11-02T08:15:00+01:00" }
            """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var item = Assert.Single(result.Items!);
        Assert.Equal(Card, item.Card);
        Assert.Equal(CdsFeedbackOutcome.Accepted, item.Outcome);
        Assert.Equal([Suggestion], item.AcceptedSuggestions);
        Assert.Null(item.OverrideReason);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 7, 15, 0, TimeSpan.Zero), item.OutcomeTimestamp);
    }

    [Fact]
    public void An_overridden_card_with_a_reason_and_comment_is_read()
    {
        var result = Parse(One($$"""
            {
              "card": "{{Card}}",
              "outcome": "overridden",
              "overrideReason": {
                "reason": { "system": "https://lena.example.org/override-reasons", "code": "patient-declined", "display": "Patient declined" },
                "userComment": "Discussed with haematology."
              },
              "outcomeTimestamp": "2026-11-02T08:15:00.123Z"
            }
            """));

        Assert.True(result.IsValid);
        var item = Assert.Single(result.Items!);
        Assert.Equal(CdsFeedbackOutcome.Overridden, item.Outcome);
        Assert.Empty(item.AcceptedSuggestions);
        Assert.Equal(new CdsCoding("https://lena.example.org/override-reasons", "patient-declined", "Patient declined"), item.OverrideReason!.Reason);
        Assert.Equal("Discussed with haematology.", item.OverrideReason.UserComment);
    }

    [Fact]
    public void An_accepted_card_without_suggestions_and_an_override_without_reason_are_read()
    {
        var result = Parse($$"""
            { "feedback": [
              { "card": "{{Card}}", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" },
              { "card": "{{Card}}", "outcome": "overridden", "outcomeTimestamp": "2026-11-02T08:16:00Z" }
            ] }
            """);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Items!.Count);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[]", "$")]
    [InlineData("{}", "feedback")]
    [InlineData("""{ "feedback": [] }""", "feedback")]
    [InlineData("""{ "feedback": {} }""", "feedback")]
    [InlineData("""{ "feedback": [ 1 ] }""", "feedback[0]")]
    [InlineData("""{ "feedback": [], "extra": true }""", "extra")]
    public void A_body_without_a_feedback_array_is_refused(string json, string path) => AssertError(Parse(json), path);

    [Fact]
    public void More_than_one_hundred_items_are_refused()
    {
        var item = $$"""{ "card": "{{Card}}", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""";
        AssertError(Parse($$"""{ "feedback": [ {{string.Join(",", Enumerable.Repeat(item, 101))}} ] }"""), "feedback");
    }

    [Fact]
    public void A_duplicated_property_is_refused() =>
        AssertError(Parse($$"""{ "feedback": [], "feedback": [] }"""), "$");

    [Theory]
    [InlineData("""{ "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].card")]
    [InlineData("""{ "card": "", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].card")]
    [InlineData("""{ "card": 7, "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].card")]
    [InlineData("""{ "card": "c", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].outcome")]
    [InlineData("""{ "card": "c", "outcome": "ignored", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].outcome")]
    [InlineData("""{ "card": "c", "outcome": "Accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].outcome")]
    [InlineData("""{ "card": "c", "outcome": "accepted" }""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00" }""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-02" }""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "outcomeTimestamp": "yesterday" }""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-13-02T08:15:00Z" }""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z", "cardId": "x" }""", "feedback[0].cardId")]
    public void Each_item_problem_is_reported_at_its_path(string item, string path) => AssertError(Parse(One(item)), path);

    [Theory]
    [InlineData("""{ "card": "c", "outcome": "overridden", "acceptedSuggestions": [ { "id": "s" } ], "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].acceptedSuggestions")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "overrideReason": { "userComment": "no" }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "acceptedSuggestions": [ {} ], "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].acceptedSuggestions[0].id")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "acceptedSuggestions": [ { "id": "s", "label": "x" } ], "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].acceptedSuggestions[0].label")]
    [InlineData("""{ "card": "c", "outcome": "accepted", "acceptedSuggestions": "s", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].acceptedSuggestions")]
    [InlineData("""{ "card": "c", "outcome": "overridden", "overrideReason": { "reason": { "code": "x" } }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason.reason.system")]
    [InlineData("""{ "card": "c", "outcome": "overridden", "overrideReason": { "reason": { "system": "s" } }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason.reason.code")]
    [InlineData("""{ "card": "c", "outcome": "overridden", "overrideReason": { "reason": { "system": "s", "code": "x", "version": "1" } }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason.reason.version")]
    [InlineData("""{ "card": "c", "outcome": "overridden", "overrideReason": { "comment": "x" }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason.comment")]
    [InlineData("""{ "card": "c", "outcome": "overridden", "overrideReason": "declined", "outcomeTimestamp": "2026-11-02T08:15:00Z" }""", "feedback[0].overrideReason")]
    public void Suggestions_and_override_reasons_are_checked(string item, string path) => AssertError(Parse(One(item)), path);

    [Fact]
    public void A_comment_longer_than_one_thousand_characters_is_refused()
    {
        var comment = new string('x', 1001);
        AssertError(
            Parse(One($$"""{ "card": "c", "outcome": "overridden", "overrideReason": { "userComment": "{{comment}}" }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""")),
            "feedback[0].overrideReason.userComment");
        Assert.True(Parse(One($$"""{ "card": "c", "outcome": "overridden", "overrideReason": { "userComment": "{{comment[..1000]}}" }, "outcomeTimestamp": "2026-11-02T08:15:00Z" }""")).IsValid);
    }

    [Fact]
    public void Every_problem_of_every_item_is_reported_at_once()
    {
        var result = Parse("""
            { "feedback": [
              { "card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-02T08:15:00Z" },
              { "outcome": "maybe" },
              { "card": "c", "outcome": "accepted", "outcomeTimestamp": "now", "x": 1 }
            ] }
            """);

        Assert.Equal(
            ["feedback[1].card", "feedback[1].outcome", "feedback[1].outcomeTimestamp", "feedback[2].outcomeTimestamp", "feedback[2].x"],
            result.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(400, result.ToProblem().Status);
    }
}
