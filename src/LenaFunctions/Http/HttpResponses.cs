using System.Net;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Http;

/// <summary>Writes bodies the way the contract fixes them: exact bytes, explicit content types.</summary>
public static class HttpResponses
{
    public static async Task<HttpResponseData> BytesAsync(HttpRequestData request, int status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var response = request.CreateResponse((HttpStatusCode)status);
        response.Headers.Add("Content-Type", contentType);
        response.Headers.Add("Cache-Control", "no-store");
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        return response;
    }

    public static Task<HttpResponseData> AnswerAsync(HttpRequestData request, ClinicalAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return BytesAsync(request, answer.Status, answer.ContentType, answer.Body, cancellationToken);
    }

    public static Task<HttpResponseData> ProblemAsync(HttpRequestData request, ProblemDetails problem, CancellationToken cancellationToken) =>
        AnswerAsync(request, ClinicalAnswer.Problem(problem), cancellationToken);

    public static Task<HttpResponseData> JsonAsync<T>(HttpRequestData request, int status, T value, CancellationToken cancellationToken) =>
        BytesAsync(request, status, ClinicalAnswer.JsonMediaType, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, LenaJson.Options), cancellationToken);
}
