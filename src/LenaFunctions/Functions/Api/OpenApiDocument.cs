using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Api;

/// <summary><c>GET /api/openapi.json</c> (anonymous): the OpenAPI 3 description of every route.</summary>
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

    public static byte[] Bytes => Document.Value;

    [Function("OpenApi")]
    public static Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        HttpResponses.BytesAsync(request, 200, ClinicalAnswer.JsonMediaType, Document.Value, cancellationToken);
}
