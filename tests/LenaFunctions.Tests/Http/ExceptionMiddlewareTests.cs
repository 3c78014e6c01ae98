using Lena.Clinical.Contract;
using Lena.Storage.Rules;
using LenaFunctions.Functions.Clinical;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Http;
using LenaFunctions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Http;

/// <summary>
/// The middleware turns exceptions into problems: 503 with Retry-After when no rule set can be
/// served, else a generic 500 that names only the invocation id.
/// </summary>
public class ExceptionMiddlewareTests
{
    private readonly ExceptionMiddleware _middleware = new(NullLogger<ExceptionMiddleware>.Instance);

    [Fact]
    public async Task RuleStorageDownAtColdStartIsA503WithRetryAfter()
    {
        using var app = TestApp.Seeded();
        app.Store.Unreachable = true;
        var context = TestFunctionContext.ForHttp(nameof(Dosing));
        var request = TestHttpRequestData.Json("POST", "dosing", Snapshots.Sample(), context);

        await _middleware.Invoke(context.Context, _ => new Dosing(app.Handler).Run(request, CancellationToken.None));

        var response = Assert.IsType<TestHttpResponseData>(context.InvocationResult);
        Assert.Equal(503, response.Status());
        Assert.Equal("30", response.Header("Retry-After"));
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
        var problem = response.Json();
        Assert.Equal(ProblemTypes.RulesUnavailable, problem.GetProperty("type").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RuleStorageDownAtColdStartIsA503ForTheRuleDataToo()
    {
        using var app = TestApp.Seeded();
        app.Store.Unreachable = true;
        var context = TestFunctionContext.ForHttp(nameof(GetActiveRules));
        var request = TestHttpRequestData.Create("GET", "rules", context: context);

        await _middleware.Invoke(context.Context, _ => new GetActiveRules(app.Rules, app.RuleAdmin).Run(request, CancellationToken.None));

        var response = Assert.IsType<TestHttpResponseData>(context.InvocationResult);
        Assert.Equal(503, response.Status());
        Assert.Equal("30", response.Header("Retry-After"));
    }

    [Fact]
    public async Task ARulesUnavailableExceptionWrappedInAnotherIsStillA503()
    {
        var context = TestFunctionContext.ForHttp();
        TestHttpRequestData.Create("GET", "rules", context: context);

        await _middleware.Invoke(context.Context, _ => throw new AggregateException(new RuleSetUnavailableException("down")));

        var response = Assert.IsType<TestHttpResponseData>(context.InvocationResult);
        Assert.Equal(503, response.Status());
    }

    [Fact]
    public async Task AnyOtherExceptionIsA500NamingOnlyTheInvocationId()
    {
        var context = TestFunctionContext.ForHttp(nameof(Dosing));
        TestHttpRequestData.Json("POST", "dosing", Snapshots.Sample(), context);
        const string secret = "connection string AccountKey=abc123 for pt-000123 with platelets 25000";

        await _middleware.Invoke(context.Context, _ => throw new InvalidOperationException(secret));

        var response = Assert.IsType<TestHttpResponseData>(context.InvocationResult);
        Assert.Equal(500, response.Status());
        Assert.Equal("application/problem+json; charset=utf-8", response.Header("Content-Type"));
        Assert.Null(response.Header("Retry-After"));
        var problem = response.Json();
        Assert.Equal(ProblemTypes.Internal, problem.GetProperty("type").GetString());
        Assert.Contains(context.InvocationId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var text = response.BodyText();
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pt-000123", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuccessfulInvocationIsLeftAlone()
    {
        var context = TestFunctionContext.ForHttp();
        TestHttpRequestData.Create("GET", "openapi.json", context: context);

        await _middleware.Invoke(context.Context, _ => Task.CompletedTask);

        Assert.Null(context.InvocationResult);
    }

    [Fact]
    public async Task AnExceptionOutsideHttpIsRethrownForTheHostToRecord()
    {
        var context = TestFunctionContext.ForTimer("FollowUpReminders");
        var thrown = new InvalidOperationException("timer failed");

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => _middleware.Invoke(context.Context, _ => throw thrown));

        Assert.Same(thrown, caught);
        Assert.Null(context.InvocationResult);
    }

    [Fact]
    public async Task ACancelledInvocationIsNotTurnedIntoAProblem()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var context = TestFunctionContext.ForHttp(cancellationToken: cancelled.Token);
        TestHttpRequestData.Json("POST", "dosing", Snapshots.Sample(), context);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _middleware.Invoke(context.Context, _ => throw new OperationCanceledException(cancelled.Token)));

        Assert.Null(context.InvocationResult);
    }
}
