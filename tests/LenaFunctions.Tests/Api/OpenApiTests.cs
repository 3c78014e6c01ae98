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
}
