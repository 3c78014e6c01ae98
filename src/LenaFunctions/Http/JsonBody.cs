using System.Text.Json;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Http;

/// <summary>Reads a small admin request body into a record, strictly (unknown properties refused).</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpRequestData request, CancellationToken cancellationToken)
        where T : class
    {
        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Body, LenaJson.Options);
            return value is null ? (null, Invalid("$", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Describe(ex));
        }
    }

    /// <summary>The serializer's complaint in the API's terms: JSON paths and plain words, never .NET type names.</summary>
    private static ProblemDetails Describe(JsonException ex)
    {
        var errors = new ValidationErrors();
        const string missingMarker = "missing required properties including: ";
        var missing = ex.Message.IndexOf(missingMarker, StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = ex.Message[(missing + missingMarker.Length)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in names)
            {
                errors.Add(name.Trim('\'', '.', ' '), "is required.");
            }

            return ProblemDetails.Validation(errors);
        }

        var path = ex.Path?.TrimStart('$', '.');
        var where = string.IsNullOrEmpty(path) ? "$" : path;
        errors.Add(where, ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known property here."
            : ex.Path is null
                ? "The body is not valid JSON, or not a JSON object of the expected shape."
                : "has the wrong type or form for this field (see GET /api/openapi.json).");
        return ProblemDetails.Validation(errors);
    }

    public static ProblemDetails Invalid(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return ProblemDetails.Validation(errors);
    }
}
