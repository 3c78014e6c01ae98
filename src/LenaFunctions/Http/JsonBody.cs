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
            var message = ex.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var path = ex.Path?.TrimStart('$', '.');
            return (null, Invalid(string.IsNullOrEmpty(path) ? "$" : path, cut > 0 ? message[..cut] : message));
        }
    }

    public static ProblemDetails Invalid(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return ProblemDetails.Validation(errors);
    }
}
