using System.Text.Json;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>The example checks are only as good as the validator: each keyword it supports must refuse what it should.</summary>
public class JsonSchemaValidatorTests
{
    private const string Document = """
        {
          "components": { "schemas": {
            "Labs": {
              "type": "object",
              "required": ["takenOn", "plateletsPerMicroliter"],
              "properties": {
                "takenOn": { "type": "string", "format": "date" },
                "plateletsPerMicroliter": { "type": "integer", "minimum": 0, "maximum": 2000000 },
                "status": { "type": "string", "title": "TherapyStatus", "nullable": true, "enum": ["starting", "onTreatment", null] },
                "meds": { "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/Med" } },
                "id": { "type": "string", "pattern": "^[a-z]+$", "minLength": 2 },
                "at": { "type": "string", "format": "date-time" },
                "range": { "nullable": true, "allOf": [ { "$ref": "#/components/schemas/Range" } ] },
                "errors": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } }
              },
              "additionalProperties": false
            },
            "Med": { "type": "string", "enum": ["digoxin", "warfarin"] },
            "Range": { "type": "object", "required": ["min"], "properties": { "min": { "type": "number" } }, "additionalProperties": false }
          } }
        }
        """;

    private static readonly JsonSchemaValidator Validator = new(JsonDocument.Parse(Document).RootElement);

    private static IReadOnlyList<string> Validate(string json) =>
        Validator.Validate(JsonDocument.Parse(json).RootElement, Validator.Resolve("#/components/schemas/Labs"));

    [Fact]
    public void A_valid_value_passes()
    {
        Assert.Empty(Validate("""
            { "takenOn": "2026-11-20", "plateletsPerMicroliter": 140000, "status": null, "meds": ["digoxin"], "id": "ab",
              "at": "2026-11-26T14:03:51.883+00:00", "range": null, "errors": { "labs.x": ["m"] } }
            """));
        Assert.Empty(Validate("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1.0e5, "range": { "min": 2.5 } }"""));
    }

    [Theory]
    [InlineData("""{ "plateletsPerMicroliter": 1 }""", "required property \"takenOn\"")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "platelet": 2 }""", "not allowed (additionalProperties: false)")]
    [InlineData("""{ "takenOn": "20.11.2026", "plateletsPerMicroliter": 1 }""", "not a valid date")]
    [InlineData("""{ "takenOn": "2026-02-30", "plateletsPerMicroliter": 1 }""", "not a valid date")]
    [InlineData("""{ "takenOn": 20261120, "plateletsPerMicroliter": 1 }""", "expected string")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 42.5 }""", "expected integer")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": "140000" }""", "expected integer")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": -1 }""", "below the minimum")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 2000001 }""", "above the maximum")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": null }""", "null is not allowed")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "status": "paused" }""", "is not one of")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "meds": [] }""", "fewer than 1")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "meds": ["ibuprofen"] }""", "$.meds[0]: \"ibuprofen\" is not one of")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "meds": "digoxin" }""", "expected array")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "id": "AB" }""", "does not match")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "id": "a" }""", "shorter than 2")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "at": "2026-11-26 14:03" }""", "not a valid date-time")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "range": {} }""", "$.range: required property \"min\"")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "range": { "min": 1, "max": 2 } }""", "$.range.max: property \"max\" is not allowed")]
    [InlineData("""{ "takenOn": "2026-11-20", "plateletsPerMicroliter": 1, "errors": { "x": [1] } }""", "$.errors.x[0]: expected string")]
    [InlineData("""[]""", "$: expected object")]
    public void An_invalid_value_is_refused_with_its_path(string json, string expected)
    {
        var errors = Validate(json);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_keyword_it_does_not_implement_is_an_error_not_a_silent_pass()
    {
        var schema = JsonDocument.Parse("""{ "type": "string", "multipleOf": 3 }""").RootElement;

        Assert.Throws<NotSupportedException>(() => Validator.Validate(JsonDocument.Parse("\"abcd\"").RootElement, schema));
    }

    [Fact]
    public void Length_and_item_limits_are_checked()
    {
        var text = JsonDocument.Parse("""{ "type": "string", "maxLength": 3 }""").RootElement;
        var list = JsonDocument.Parse("""{ "type": "array", "maxItems": 1 }""").RootElement;

        Assert.NotEmpty(Validator.Validate(JsonDocument.Parse("\"abcd\"").RootElement, text));
        Assert.Empty(Validator.Validate(JsonDocument.Parse("\"abc\"").RootElement, text));
        Assert.NotEmpty(Validator.Validate(JsonDocument.Parse("[1, 2]").RootElement, list));
    }

    [Fact]
    public void Keywords_beside_a_reference_are_reported_because_OpenAPI_3_0_ignores_them()
    {
        var schema = JsonDocument.Parse("""{ "$ref": "#/components/schemas/Med", "nullable": true }""").RootElement;

        Assert.NotEmpty(Validator.Validate(JsonDocument.Parse("\"digoxin\"").RootElement, schema));
    }

    [Fact]
    public void A_nullable_enum_must_list_null()
    {
        var schema = JsonDocument.Parse("""{ "type": "string", "nullable": true, "enum": ["a"] }""").RootElement;

        Assert.NotEmpty(Validator.Validate(JsonDocument.Parse("null").RootElement, schema));
    }
}
