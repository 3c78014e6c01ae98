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
        JsonReadProblem.AddTo(errors, ex);
        return ProblemDetails.Validation(errors);
    }

    public static ProblemDetails Invalid(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return ProblemDetails.Validation(errors);
    }
}
