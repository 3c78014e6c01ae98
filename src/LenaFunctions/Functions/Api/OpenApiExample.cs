using System.Collections.Concurrent;
using System.Net;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/openapi/examples/{id}</c> (anonymous): an example value the served OpenAPI document
/// refers to by <c>externalValue</c> (<see cref="ServedOpenApi"/>). The id is the value's content hash,
/// so a response never changes: strong ETag (the id), cacheable for a year, <c>If-None-Match</c> → 304,
/// gzip to clients that accept it. An id the document does not name is a 404 problem.
/// </summary>
public sealed class OpenApiExample
{
    private static readonly ConcurrentDictionary<string, byte[]> Gzipped = new(StringComparer.Ordinal);

    [Function(nameof(OpenApiExample))]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi/examples/{id}")] HttpRequestData request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OpenApiDocument.Examples.TryGetValue(id ?? string.Empty, out var value))
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "No such example.",
                "The OpenAPI document names its examples by externalValue; GET /api/openapi.json lists them."), cancellationToken).ConfigureAwait(false);
        }

        var gzip = OpenApiDocument.AcceptsGzip(request);
        var etag = gzip ? $"\"{id}-gzip\"" : $"\"{id}\"";
        const string Forever = "public, max-age=31536000, immutable";
        if (OpenApiDocument.NotModified(request, etag))
        {
            var notModified = request.CreateResponse(HttpStatusCode.NotModified);
            OpenApiDocument.Cacheable(notModified, etag, Forever);
            return notModified;
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", ClinicalAnswer.JsonMediaType);
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        if (gzip)
        {
            response.Headers.Add("Content-Encoding", "gzip");
        }

        OpenApiDocument.Cacheable(response, etag, Forever);
        var body = gzip ? Gzipped.GetOrAdd(id!, static (_, bytes) => OpenApiDocument.Gzip(bytes), value) : value;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
