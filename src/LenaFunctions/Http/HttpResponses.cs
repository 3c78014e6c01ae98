using System.Net;
using Lena.Clinical.Contract;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Http;

/// <summary>Writes bodies the way the contract fixes them: exact bytes, explicit content types.</summary>
public static class HttpResponses
{
    public static Task<HttpResponseData> BytesAsync(HttpRequestData request, int status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        cancellationToken.ThrowIfCancellationRequested();
        var response = request.CreateResponse((HttpStatusCode)status);
        response.Headers.Add("Content-Type", contentType);
        response.Headers.Add("Cache-Control", "no-store");
        response.Headers.Add("X-Content-Type-Options", "nosniff");

        // The finished bytes are the body as they are, instead of a copy written into the response's own growing
        // stream: the worker copies the body once more into its gRPC message anyway (issue 15, worker plumbing).
        response.Body = new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
        return Task.FromResult(response);
    }

    public static Task<HttpResponseData> AnswerAsync(HttpRequestData request, ClinicalAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return BytesAsync(request, answer.Status, answer.ContentType, answer.Body, cancellationToken);
    }

    /// <summary>Names the rule-set version an answer came from, and warns when it came from the cache while storage is down.</summary>
    public static HttpResponseData WithRuleSet(this HttpResponseData response, ActiveRuleSet active)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(active);
        response.Headers.Add("X-Rule-Set-Version", active.RuleSet.Version);
        if (active.Degraded)
        {
            response.Headers.Add("Warning", "110 - \"Rule storage unreachable; answered from the last validated rule set\"");
        }

        return response;
    }

    public static Task<HttpResponseData> ProblemAsync(HttpRequestData request, ProblemDetails problem, CancellationToken cancellationToken) =>
        AnswerAsync(request, ClinicalAnswer.Problem(ProblemText.Clean(problem)), cancellationToken);

    public static Task<HttpResponseData> JsonAsync<T>(HttpRequestData request, int status, T value, CancellationToken cancellationToken) =>
        BytesAsync(request, status, ClinicalAnswer.JsonMediaType, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, LenaJson.Options), cancellationToken);
}
