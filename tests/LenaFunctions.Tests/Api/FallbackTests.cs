using Lena.Clinical.Contract;
using LenaFunctions.Functions.Api;
using LenaFunctions.Http;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Tests.Api;

/// <summary>The catch-all: 405 with Allow for a known route's wrong method, a 404 problem otherwise.</summary>
public class FallbackTests
{
    private static readonly Fallback Function = new(HttpRouteTable.FromAssembly(typeof(ExceptionMiddleware).Assembly));

    private static Task<HttpResponseData> Run(string method, string path) =>
        Function.Run(TestHttpRequestData.Create(method, path), path, CancellationToken.None);

    [Theory]
    [InlineData("GET", "dosing", "POST, OPTIONS")]
    [InlineData("HEAD", "dosing", "POST, OPTIONS")]
    [InlineData("PUT", "assessments", "POST, OPTIONS")]
    [InlineData("DELETE", "rules/versions", "GET, HEAD, POST, OPTIONS")]
    [InlineData("POST", "rules/versions/2026.12.1", "GET, HEAD, OPTIONS")]
    [InlineData("GET", "rules/active", "PUT, OPTIONS")]
    [InlineData("POST", "health", "GET, HEAD, OPTIONS")]
    [InlineData("get", "Monitoring-Schedule", "POST, OPTIONS")]
    public async Task AWrongMethodOnAKnownRouteIs405WithAllow(string method, string path, string allow)
    {
        var response = await Run(method, path);

        Assert.Equal(405, response.Status());
        Assert.Equal(allow, response.Header("Allow"));
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(ProblemTypes.MethodNotAllowed, response.Json().GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "dosage")]
    [InlineData("POST", "rules/versions/2026.12.1/extra")]
    [InlineData("GET", "")]
    public async Task AnUnknownRouteIsA404Problem(string method, string path)
    {
        var response = await Run(method, path);

        Assert.Equal(404, response.Status());
        Assert.Null(response.Header("Allow"));
        var json = response.Json();
        Assert.Equal(ProblemTypes.NotFound, json.GetProperty("type").GetString());
        Assert.Equal(404, json.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("dosing", "POST, OPTIONS")]
    [InlineData("rules", "GET, HEAD, OPTIONS")]
    [InlineData("courses/0123456789abcdef0123456789abcdef/follow-ups", "GET, HEAD, OPTIONS")]
    public async Task OptionsOnAKnownRouteIs204WithAllowAndNoBody(string path, string allow)
    {
        var response = await Run("OPTIONS", path);

        Assert.Equal(204, response.Status());
        Assert.Equal(allow, response.Header("Allow"));
        Assert.Empty(response.BodyBytes());
    }

    [Fact]
    public async Task OptionsOnAnUnknownRouteIs404()
    {
        Assert.Equal(404, (await Run("OPTIONS", "dosage")).Status());
    }
}
