using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> (anonymous): the OpenAPI 3 description of every route. It changes
/// only with a deployment, so it is cacheable: a strong ETag (its SHA-256) and <c>If-None-Match</c> → 304.
/// The repository keeps the document indented for review; it is served compact (the same JSON
/// without whitespace), and gzip-encoded to clients that accept it: the rule-set examples are most
/// of its bytes and compress well (sizes in tests/Lena.Benchmarks/RESULTS.md).
/// </summary>
public sealed class OpenApiDocument
{
    // Non-ASCII text (µ, –, ≥) stays as UTF-8 instead of \u escapes: it is served as JSON with nosniff, never as HTML.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("LenaFunctions.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is missing from the build.");
        var node = JsonNode.Parse(stream) ?? throw new InvalidOperationException("The OpenAPI document is empty.");
        return JsonSerializer.SerializeToUtf8Bytes(node, Compact);
    });

    private static readonly Lazy<byte[]> Gzipped = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Document.Value);
        }

        return buffer.ToArray();
    });

    private static readonly Lazy<string> Hash = new(() => Convert.ToHexStringLower(SHA256.HashData(Document.Value))[..32]);

    /// <summary>The served document (compact UTF-8 JSON).</summary>
    public static byte[] Bytes => Document.Value;

    /// <summary>The same document gzip-encoded, as served with <c>Content-Encoding: gzip</c>.</summary>
    public static byte[] GzipBytes => Gzipped.Value;

    /// <summary>The ETag of the identity representation; the gzip one differs (a strong ETag names one representation).</summary>
    public static string ETag => $"\"{Hash.Value}\"";

    public static string GzipETag => $"\"{Hash.Value}-gzip\"";

    [Function("OpenApi")]
    public static async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gzip = AcceptsGzip(request);
        var etag = gzip ? GzipETag : ETag;
        if (request.Headers.TryGetValues("If-None-Match", out var tags) && tags.SelectMany(t => t.Split(',')).Any(t => t.Trim() == etag || t.Trim() == "*"))
        {
            var notModified = request.CreateResponse(HttpStatusCode.NotModified);
            Cacheable(notModified, etag);
            return notModified;
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", ClinicalAnswer.JsonMediaType);
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        if (gzip)
        {
            response.Headers.Add("Content-Encoding", "gzip");
        }

        Cacheable(response, etag);
        await response.Body.WriteAsync(gzip ? Gzipped.Value : Document.Value, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>gzip listed in <c>Accept-Encoding</c> (or <c>*</c>) without <c>q=0</c>.</summary>
    internal static bool AcceptsGzip(HttpRequestData request) =>
        request.Headers.TryGetValues("Accept-Encoding", out var values)
        && values.SelectMany(v => v.Split(',')).Select(v => v.Split(';')).Any(parts =>
            parts[0].Trim() is "gzip" or "*"
            && !parts.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    private static void Cacheable(HttpResponseData response, string etag)
    {
        response.Headers.Add("ETag", etag);
        response.Headers.Add("Cache-Control", "public, max-age=300, must-revalidate");
        response.Headers.Add("Vary", "Accept-Encoding");
    }
}
