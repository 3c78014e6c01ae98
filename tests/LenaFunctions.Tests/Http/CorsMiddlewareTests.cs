using LenaFunctions.Functions.Api;
using LenaFunctions.Http;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace LenaFunctions.Tests.Http;

/// <summary>CORS origins come from configuration (Cors__AllowedOrigins), none by default (API.md "HTTP").</summary>
public class CorsMiddlewareTests
{
    private const string Portal = "https://portal.example.org";

    private static readonly Fallback Fallback = new(HttpRouteTable.FromAssembly(typeof(ExceptionMiddleware).Assembly));

    private static async Task<TestHttpResponseData> SendAsync(string? allowed, string method, string path, params (string Name, string Value)[] headers)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(CorsMiddleware.Setting, allowed)]).Build();
        var context = TestFunctionContext.ForHttp(nameof(Fallback));
        var request = TestHttpRequestData.Create(method, path, context: context);
        foreach (var (name, value) in headers)
        {
            request.WithHeader(name, value);
        }

        await new CorsMiddleware(configuration).Invoke(context.Context, async ctx =>
            ctx.GetInvocationResult().Value = await Fallback.Run(request, path, CancellationToken.None));
        return Assert.IsType<TestHttpResponseData>(context.InvocationResult);
    }

    [Fact]
    public async Task A_preflight_from_a_configured_origin_gets_204_with_the_CORS_headers()
    {
        var response = await SendAsync(Portal + ", https://other.example.org", "OPTIONS", "courses", ("Origin", Portal), ("Access-Control-Request-Method", "POST"));

        Assert.Equal(204, response.Status());
        Assert.Equal(Portal, response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("POST", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", response.Header("Access-Control-Allow-Headers"), StringComparison.Ordinal);
        Assert.Equal("Origin", response.Header("Vary"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://portal.example.org.evil.test")]
    public async Task An_origin_not_configured_gets_no_CORS_headers(string? allowed)
    {
        var response = await SendAsync(allowed, "OPTIONS", "courses", ("Origin", Portal), ("Access-Control-Request-Method", "POST"));

        Assert.Equal(204, response.Status());
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }
}
