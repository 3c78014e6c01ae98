using System.Net;
using System.Security.Cryptography;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> (anonymous): the OpenAPI 3 description of every route. It changes
/// only with a deployment, so it is cacheable: a strong ETag (its SHA-256) and <c>If-None-Match</c> → 304.
/// </summary>
public sealed class OpenApiDocument
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("LenaFunctions.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    private static readonly Lazy<string> DocumentETag = new(() => "\"" + Convert.ToHexStringLower(SHA256.HashData(Document.Value))[..32] + "\"");

    public static byte[] Bytes => Document.Value;

    public static string ETag => DocumentETag.Value;

    [Function("OpenApi")]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValues("If-None-Match", out var tags) && tags.SelectMany(t => t.Split(',')).Any(t => t.Trim() == ETag || t.Trim() == "*"))
        {
            var notModified = request.CreateResponse(HttpStatusCode.NotModified);
            Cacheable(notModified);
            return notModified;
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", ClinicalAnswer.JsonMediaType);
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        Cacheable(response);
        await response.Body.WriteAsync(Document.Value, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static void Cacheable(HttpResponseData response)
    {
        response.Headers.Add("ETag", ETag);
        response.Headers.Add("Cache-Control", "public, max-age=300, must-revalidate");
    }
}
