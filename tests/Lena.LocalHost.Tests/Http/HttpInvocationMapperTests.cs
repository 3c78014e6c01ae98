using System.Text;
using Google.Protobuf;
using Lena.LocalHost.Http;
using Lena.LocalHost.Rpc.Messages;
using Microsoft.AspNetCore.Http;

namespace Lena.LocalHost.Tests.Http;

public class HttpInvocationMapperTests
{
    private static DefaultHttpContext Request(string method, string path, string query, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.Headers["Content-Type"] = "application/json";
        context.Request.Headers["X-Custom"] = "a";
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public void BuildsTheRpcHttpInvocationInTheShapeTheWorkerReads()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var context = Request("post", "/api/courses/c-1", "?status=due", body);

        var invocation = HttpInvocationMapper.ToInvocation(context, "request", "fn-1", new Dictionary<string, string> { ["courseId"] = "c-1" }, body);

        Assert.Equal("fn-1", invocation.FunctionId);
        Assert.False(string.IsNullOrEmpty(invocation.InvocationId));
        Assert.StartsWith("00-", invocation.TraceContext.TraceParent, StringComparison.Ordinal);
        var binding = Assert.Single(invocation.InputData);
        Assert.Equal("request", binding.Name);
        var http = binding.Data.Http;
        Assert.Equal("POST", http.Method);
        Assert.Equal("http://localhost:7071/api/courses/c-1?status=due", http.Url);
        Assert.Equal("application/json", http.NullableHeaders["content-type"].Value);
        Assert.Equal("a", http.NullableHeaders["x-custom"].Value);
        Assert.Empty(http.Headers);
        Assert.Equal(TypedData.DataOneofCase.Bytes, http.Body.DataCase);
        Assert.Equal(body, http.Body.Bytes.ToByteArray());
        Assert.Equal("c-1", invocation.TriggerMetadata["courseId"].String);
        Assert.Contains("due", invocation.TriggerMetadata["Query"].Json, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsTheCallersTraceParent()
    {
        var context = Request("GET", "/api/health", "", []);
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        context.Request.Headers["traceparent"] = traceParent;

        var invocation = HttpInvocationMapper.ToInvocation(context, "request", "fn", new Dictionary<string, string>(), []);

        Assert.Equal(traceParent, invocation.TraceContext.TraceParent);
    }

    [Fact]
    public async Task WritesStatusHeadersCookiesAndBodyBack()
    {
        var context = Request("POST", "/api/courses", "", []);
        var result = new RpcHttp { StatusCode = "201", Body = new TypedData { Bytes = ByteString.CopyFromUtf8("{\"id\":\"c-1\"}") } };
        result.Headers["Content-Type"] = "application/json; charset=utf-8";
        result.Headers["Location"] = "/api/courses/c-1";
        result.Cookies.Add(new RpcHttpCookie { Name = "n", Value = "v", Path = new NullableString { Value = "/" } });

        await HttpInvocationMapper.WriteAsync(context, result, CancellationToken.None);

        Assert.Equal(201, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal("/api/courses/c-1", context.Response.Headers.Location.ToString());
        Assert.Equal("n=v; path=/", context.Response.Headers.SetCookie.ToString());
        Assert.Equal("{\"id\":\"c-1\"}", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public void FindsTheHttpResultInTheReturnValueOrAnOutputBinding()
    {
        var http = new RpcHttp { StatusCode = "204" };
        var viaReturn = new InvocationResponse { ReturnValue = new TypedData { Http = http } };
        var viaOutput = new InvocationResponse();
        viaOutput.OutputData.Add(new ParameterBinding { Name = "response", Data = new TypedData { Http = http } });

        Assert.Same(http, HttpInvocationMapper.HttpResult(viaReturn));
        Assert.Same(http, HttpInvocationMapper.HttpResult(viaOutput));
        Assert.Null(HttpInvocationMapper.HttpResult(new InvocationResponse()));
    }
}
