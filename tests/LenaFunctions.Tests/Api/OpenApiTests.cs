using LenaFunctions.Functions.Api;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Api;

/// <summary>GET /api/openapi.json (anonymous).</summary>
public class OpenApiTests
{
    [Fact]
    public async Task ReturnsTheEmbeddedOpenApi3DocumentAsJson()
    {
        var response = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json"), CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(OpenApiDocument.Bytes, response.BodyBytes());
        var json = response.Json();
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, json.GetProperty("paths").ValueKind);
    }

    [Fact]
    public async Task IsCacheableWithAStrongETagAndAnswers304WhenItMatches()
    {
        var first = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json"), CancellationToken.None);
        var etag = first.Header("ETag");
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.DoesNotContain("no-store", first.Header("Cache-Control"), StringComparison.Ordinal);

        var again = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json").WithHeader("If-None-Match", etag!), CancellationToken.None);

        Assert.Equal(304, again.Status());
        Assert.Empty(again.BodyBytes());
        Assert.Equal(etag, again.Header("ETag"));
    }

    [Fact]
    public async Task IsServedGzipEncodedToAClientThatAcceptsItWithItsOwnETag()
    {
        var identity = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json"), CancellationToken.None);
        var gzip = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json").WithHeader("Accept-Encoding", "br, gzip;q=0.8"), CancellationToken.None);

        Assert.Equal("gzip", gzip.Header("Content-Encoding"));
        Assert.Equal("Accept-Encoding", gzip.Header("Vary"));
        Assert.NotEqual(identity.Header("ETag"), gzip.Header("ETag"));
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(gzip.BodyBytes()), System.IO.Compression.CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        unzip.CopyTo(decoded);
        Assert.Equal(OpenApiDocument.Bytes, decoded.ToArray());

        var notModified = await OpenApiDocument.Run(TestHttpRequestData.Create("GET", "openapi.json").WithHeader("Accept-Encoding", "gzip").WithHeader("If-None-Match", gzip.Header("ETag")!), CancellationToken.None);
        Assert.Equal(304, notModified.Status());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("identity", false)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip", true)]
    [InlineData("deflate, gzip", true)]
    [InlineData("*", true)]
    public void GzipOnlyWhenAccepted(string? acceptEncoding, bool gzip)
    {
        var request = TestHttpRequestData.Create("GET", "openapi.json");
        Assert.Equal(gzip, OpenApiDocument.AcceptsGzip(acceptEncoding is null ? request : request.WithHeader("Accept-Encoding", acceptEncoding)));
    }

    [Fact]
    public async Task ServesEachExampleTheDocumentRefersToWithAnImmutableETag()
    {
        Assert.NotEmpty(OpenApiDocument.Examples);
        foreach (var (id, value) in OpenApiDocument.Examples)
        {
            var response = await OpenApiExample.Run(TestHttpRequestData.Create("GET", $"openapi/examples/{id}"), id, CancellationToken.None);

            Assert.Equal(200, response.Status());
            Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
            Assert.Equal(value, response.BodyBytes());
            Assert.Equal($"\"{id}\"", response.Header("ETag"));
            Assert.Contains("immutable", response.Header("Cache-Control"), StringComparison.Ordinal);
        }

        var (first, _) = OpenApiDocument.Examples.First();
        var again = await OpenApiExample.Run(TestHttpRequestData.Create("GET", $"openapi/examples/{first}").WithHeader("If-None-Match", $"\"{first}\""), first, CancellationToken.None);
        Assert.Equal(304, again.Status());
        Assert.Empty(again.BodyBytes());
    }

    [Theory]
    [InlineData("0000000000000000")]
    [InlineData("not-an-example")]
    [InlineData("")]
    public async Task AnExampleIdTheDocumentDoesNotNameIs404(string id)
    {
        var response = await OpenApiExample.Run(TestHttpRequestData.Create("GET", $"openapi/examples/{id}"), id, CancellationToken.None);

        Assert.Equal(404, response.Status());
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
    }
}
