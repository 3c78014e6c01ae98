using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> (anonymous): the OpenAPI 3 description of every route. It changes
/// only with a deployment, so it is cacheable: a strong ETag (its SHA-256) and <c>If-None-Match</c> → 304.
/// The repository keeps the document indented for review, every example inline; it is served compact,
/// with its largest examples by reference (<see cref="ServedOpenApi"/>: at most 150 KB), and gzip-encoded
/// to clients that accept it (sizes in tests/Lena.Benchmarks/RESULTS.md).
/// </summary>
public sealed class OpenApiDocument
{
    private static readonly Lazy<ServedOpenApi> Served = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("LenaFunctions.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is missing from the build.");
        return ServedOpenApi.From(stream);
    });

    private static readonly Lazy<byte[]> Gzipped = new(() => Gzip(Served.Value.Document));

    private static readonly Lazy<string> Hash = new(() => Convert.ToHexStringLower(SHA256.HashData(Served.Value.Document))[..32]);

    /// <summary>The served document (compact UTF-8 JSON).</summary>
    public static byte[] Bytes => Served.Value.Document;

    /// <summary>The repository's document, compact, with every example inline (the tests validate examples here).</summary>
    public static byte[] SourceBytes => Served.Value.Source;

    /// <summary>The example values the served document refers to by <c>externalValue</c>, by id.</summary>
    public static IReadOnlyDictionary<string, byte[]> Examples => Served.Value.Examples;

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
        if (NotModified(request, etag))
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
        await response.Body.WriteAsync(gzip ? Gzipped.Value : Served.Value.Document, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>gzip listed in <c>Accept-Encoding</c> (or <c>*</c>) without <c>q=0</c>.</summary>
    internal static bool AcceptsGzip(HttpRequestData request) =>
        request.Headers.TryGetValues("Accept-Encoding", out var values)
        && values.SelectMany(v => v.Split(',')).Select(v => v.Split(';')).Any(parts =>
            parts[0].Trim() is "gzip" or "*"
            && !parts.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    internal static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>True when <c>If-None-Match</c> names this ETag (or <c>*</c>).</summary>
    internal static bool NotModified(HttpRequestData request, string etag) =>
        request.Headers.TryGetValues("If-None-Match", out var tags) && tags.SelectMany(t => t.Split(',')).Any(t => t.Trim() == etag || t.Trim() == "*");

    private static void Cacheable(HttpResponseData response, string etag) => Cacheable(response, etag, "public, max-age=300, must-revalidate");

    internal static void Cacheable(HttpResponseData response, string etag, string cacheControl)
    {
        response.Headers.Add("ETag", etag);
        response.Headers.Add("Cache-Control", cacheControl);
        response.Headers.Add("Vary", "Accept-Encoding");
    }
}
