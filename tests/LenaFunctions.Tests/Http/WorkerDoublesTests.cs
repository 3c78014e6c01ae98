using System.Text.Json;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Tests.Http;

/// <summary>The test doubles behave as the worker's own types do where the app and these tests rely on them.</summary>
public class WorkerDoublesTests
{
    [Fact]
    public async Task TheContextsSerializerLetsTheWorkerReadAndWriteJson()
    {
        var request = TestHttpRequestData.Json("POST", "dosing", "{\"indication\":\"cll\"}"u8.ToArray());

        var body = await request.ReadFromJsonAsync<JsonElement>();
        var response = request.CreateResponse();
        await response.WriteAsJsonAsync(new { status = "ok" });

        Assert.Equal("cll", body.GetProperty("indication").GetString());
        Assert.Equal("ok", response.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task AMiddlewareFindsTheRequestAndSetsTheInvocationResultAsInTheWorker()
    {
        var context = TestFunctionContext.ForHttp();
        var request = TestHttpRequestData.Create("GET", "health", context: context);
        var response = request.CreateResponse();

        Assert.Same(request, await context.Context.GetHttpRequestDataAsync());
        context.Context.GetInvocationResult().Value = response;

        Assert.Same(response, context.InvocationResult);
        Assert.Same(response, context.Context.GetHttpResponseData());
    }

    [Fact]
    public async Task ATimerInvocationHasNoHttpRequest()
    {
        var context = TestFunctionContext.ForTimer();

        Assert.Null(await context.Context.GetHttpRequestDataAsync());
    }
}
