using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Tests.Support;

/// <summary>An HTTP request as the worker passes it: method, URL, headers and a body stream.</summary>
public sealed class TestHttpRequestData : HttpRequestData
{
    public const string BaseUrl = "https://lena.test/api/";

    public TestHttpRequestData(FunctionContext functionContext, string method, Uri url, Stream body)
        : base(functionContext)
    {
        Method = method;
        Url = url;
        Body = body;
    }

    public override Stream Body { get; }

    public override HttpHeadersCollection Headers { get; } = new();

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    /// <summary>
    /// Who the host authenticated the caller as: by default a function key (the host's
    /// <c>WebJobsAuthLevel</c> identity), as for every integrator's request; cleared to act as a caller without one.
    /// </summary>
    public List<ClaimsIdentity> HostIdentities { get; } = [FunctionKey()];

    public override IEnumerable<ClaimsIdentity> Identities => HostIdentities;

    /// <summary>The identity the Functions host passes for a valid function key.</summary>
    public static ClaimsIdentity FunctionKey() => new(
        [new Claim("http://schemas.microsoft.com/2017/07/functions/claims/authlevel", "Function"), new Claim("http://schemas.microsoft.com/2017/07/functions/claims/keyid", "default")],
        "WebJobsAuthLevel");

    /// <summary>The same request without a function key.</summary>
    public TestHttpRequestData WithoutKey()
    {
        HostIdentities.Clear();
        return this;
    }

    public override string Method { get; }

    /// <summary>
    /// A request to <c>/api/{path}</c>, bound as the trigger input of <paramref name="context"/> (a
    /// fresh HTTP invocation when none is given). Headers are added unvalidated, as the worker does.
    /// </summary>
    public static TestHttpRequestData Create(string method, string path, byte[]? body = null, string? contentType = null, TestFunctionContext? context = null)
    {
        context ??= TestFunctionContext.ForHttp();
        var request = new TestHttpRequestData(context.Context, method, new Uri(BaseUrl + path), new MemoryStream(body ?? [], writable: false));
        if (contentType is not null)
        {
            request.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        context.BindTrigger(request);
        return request;
    }

    /// <summary>A request with a JSON body (<c>Content-Type: application/json</c>).</summary>
    public static TestHttpRequestData Json(string method, string path, byte[] body, TestFunctionContext? context = null) =>
        Create(method, path, body, "application/json", context);

    public TestHttpRequestData WithHeader(string name, string value)
    {
        Headers.TryAddWithoutValidation(name, value);
        return this;
    }

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}
