using System.Text.Json;

namespace Lena.Clinical.Contract;

/// <summary>
/// A System.Text.Json complaint in the API's terms: the JSON path and what to send there, never a
/// .NET type name or the reader's byte position. The serializer gives no structured reason, so its
/// message is read for the three shapes it has (unknown member, missing members, wrong type).
/// </summary>
public static class JsonReadProblem
{
    public static void AddTo(ValidationErrors errors, JsonException ex, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(ex);
        var message = ex.Message;
        const string missingMarker = "missing required properties including: ";
        var missing = message.IndexOf(missingMarker, StringComparison.Ordinal);
        if (missing >= 0)
        {
            foreach (var name in message[(missing + missingMarker.Length)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                errors.Add(Join(pathPrefix, Join(PathOf(ex), name.Trim('\'', '.', ' '))), "is required.");
            }

            return;
        }

        var path = Join(pathPrefix, PathOf(ex));
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            const string nameMarker = "The JSON property '";
            var start = message.IndexOf(nameMarker, StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + nameMarker.Length);
            var name = end < 0 ? null : message[(start + nameMarker.Length)..end];
            if (name is not null && !path.EndsWith(name, StringComparison.Ordinal))
            {
                path = Join(path, name);
            }

            errors.Add(path.Length == 0 ? "$" : path, name is null ? "is not a known property here." : $"\"{name}\" is not a known property here.");
            return;
        }

        errors.Add(path.Length == 0 ? "$" : path, ex.Path is null
            ? "The body is not valid JSON, or not a JSON object of the expected shape."
            : $"has the wrong type: send {Expected(message)} (see GET /api/openapi.json).");
    }

    /// <summary>The serializer's path ($.a.b[0]) without its root marker: a.b[0].</summary>
    private static string PathOf(JsonException ex) => ex.Path is null ? string.Empty : ex.Path.TrimStart('$').TrimStart('.');

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : prefix + "." + path;

    /// <summary>What JSON the member wants, from the .NET type the serializer names (never echoed).</summary>
    private static string Expected(string message)
    {
        const string marker = "could not be converted to ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        var type = at < 0 ? string.Empty : message[(at + marker.Length)..];
        return type switch
        {
            _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
            _ when type.StartsWith("System.Boolean", StringComparison.Ordinal) || type.Contains("[System.Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.StartsWith("System.DateOnly", StringComparison.Ordinal) || type.Contains("[System.DateOnly", StringComparison.Ordinal) => "a date as yyyy-MM-dd",
            _ when type.Contains("DateTime", StringComparison.Ordinal) => "an ISO 8601 date-time with offset",
            _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) => "a number",
            _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) || type.Contains("Enumerable", StringComparison.Ordinal) => "an array",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ when type.Contains("JsonElement", StringComparison.Ordinal) => "a JSON value",
            _ => "a value of the documented type (an object, or one of the documented names)",
        };
    }
}
