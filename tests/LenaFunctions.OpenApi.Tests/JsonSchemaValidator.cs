using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>
/// Validates a JSON value against an OpenAPI 3.0 schema object, for the subset of keywords the
/// LenaFunctions document uses: <c>$ref</c> (local JSON pointers), <c>type</c>, <c>nullable</c>,
/// <c>enum</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (false or a schema),
/// <c>items</c>, <c>allOf</c>, <c>anyOf</c>, <c>format</c> (date, date-time, int32), <c>minimum</c>, <c>maximum</c>,
/// <c>minLength</c>, <c>maxLength</c>, <c>minItems</c>, <c>maxItems</c> and <c>pattern</c>. Any other validation keyword makes it throw,
/// so the document cannot start relying on a constraint that nothing checks.
/// </summary>
public sealed class JsonSchemaValidator(JsonElement document)
{
    /// <summary>Keywords that only annotate; they never make a value invalid.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "example", "readOnly", "writeOnly", "deprecated",
    };

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$ref", "type", "nullable", "enum", "properties", "required", "additionalProperties", "items",
        "allOf", "anyOf", "format", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern",
    };

    public JsonElement Document { get; } = document;

    /// <summary>Every problem of <paramref name="value"/>, as "path: message"; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    /// <summary>The element a local reference (<c>#/components/schemas/X</c>) points at.</summary>
    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are supported, not {reference}.");
        }

        var current = Document;
        foreach (var raw in reference[2..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                throw new InvalidOperationException($"The reference {reference} does not resolve.");
            }
        }

        return current;
    }

    /// <summary>Follows <c>$ref</c> chains to the referenced object.</summary>
    public JsonElement Deref(JsonElement element)
    {
        for (var hops = 0; element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException("Reference cycle.");
            }

            element = Resolve(reference.GetString()!);
        }

        return element;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The schema at {path} is not an object.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Supported.Contains(keyword.Name) && !Annotations.Contains(keyword.Name))
            {
                throw new NotSupportedException($"Schema keyword \"{keyword.Name}\" (at {path}) is not supported by this validator.");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (schema.EnumerateObject().Any(p => p.Name != "$ref"))
            {
                // OpenAPI 3.0 ignores siblings of $ref; a document that puts constraints there would be misread.
                errors.Add($"{path}: the schema has keywords beside $ref, which OpenAPI 3.0 ignores.");
            }

            Check(value, Resolve(reference.GetString()!), path, errors);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True))
            {
                errors.Add($"{path}: null is not allowed.");
            }
            else if (schema.TryGetProperty("enum", out var nullableEnum) && !nullableEnum.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Null))
            {
                errors.Add($"{path}: the schema is nullable but its enum does not list null.");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(value, part, path, errors);
            }
        }

        // A nullable reference is written anyOf [X, null] (eng/openapi/lint-clean.py): valid when one branch accepts it.
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().Select(part => Validate(value, part, path)).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.AddRange(branches.MinBy(b => b.Count)!);
            }
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, got {value.ValueKind.ToString().ToLowerInvariant()}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(value, schema, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(value, schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(value.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(value, schema, path, errors);
                break;
            default:
                break;
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == Math.Floor(value.GetDouble()),
        _ => throw new NotSupportedException($"type \"{type}\" is not supported."),
    };

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property \"{name}\" is missing.");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, childPath, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{childPath}: property \"{property.Name}\" is not allowed (additionalProperties: false).");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, childPath, errors);
            }
        }
    }

    private void CheckArray(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
        {
            errors.Add($"{path}: has {value.GetArrayLength()} items, fewer than {minItems.GetInt32()}.");
        }

        if (schema.TryGetProperty("maxItems", out var maxItems) && value.GetArrayLength() > maxItems.GetInt32())
        {
            errors.Add($"{path}: has {value.GetArrayLength()} items, more than {maxItems.GetInt32()}.");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", errors);
            }
        }
    }

    private static void CheckString(string text, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
        {
            errors.Add($"{path}: shorter than {minLength.GetInt32()} characters.");
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && text.Length > maxLength.GetInt32())
        {
            errors.Add($"{path}: longer than {maxLength.GetInt32()} characters.");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: \"{text}\" does not match {pattern.GetString()}.");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date-time" => Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{path}: \"{text}\" is not a valid {format.GetString()}.");
            }
        }
    }

    private static void CheckNumber(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        var number = value.GetDouble();
        if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
        {
            errors.Add($"{path}: {value.GetRawText()} is below the minimum {minimum.GetRawText()}.");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
        {
            errors.Add($"{path}: {value.GetRawText()} is above the maximum {maximum.GetRawText()}.");
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            errors.Add($"{path}: {value.GetRawText()} does not fit int32.");
        }
    }
}
