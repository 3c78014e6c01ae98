using Lena.Clinical.Contract;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Http;

/// <summary>
/// Turns an exception in an HTTP function into a problem: 503 when no rule set can be served or
/// storage does not answer, otherwise a generic 500 that names only the invocation id. Exception text never leaves the app.
/// </summary>
public sealed class ExceptionMiddleware(ILogger<ExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var request = await context.GetHttpRequestDataAsync().ConfigureAwait(false);
            if (request is null)
            {
                throw;
            }

            var (problem, retryable) = Classify(ex, context);
            var response = await HttpResponses.ProblemAsync(request, problem, CancellationToken.None).ConfigureAwait(false);
            if (retryable)
            {
                response.Headers.Add("Retry-After", "30");
            }

            context.GetInvocationResult().Value = response;
        }
    }

    /// <summary>The problem for an exception, logged once: rules unavailable and storage outages are retryable 503s, anything else a 500.</summary>
    private (ProblemDetails Problem, bool Retryable) Classify(Exception ex, FunctionContext context)
    {
        if (FindRulesUnavailable(ex) is not null)
        {
            logger.RulesUnavailable(ex, context.InvocationId);
            return (ProblemDetails.Of(503, ProblemTypes.RulesUnavailable, "Clinical rules unavailable.",
                "Rule storage is unreachable and no recently validated rule set is cached, so no clinical answer can be given. Retry shortly; see /api/health."), true);
        }

        if (IsStorageOutage(ex))
        {
            logger.StorageUnavailable(ex, context.FunctionDefinition.Name, context.InvocationId);
            return (ProblemDetails.Of(503, ProblemTypes.StorageUnavailable, "Storage unavailable.",
                "Table or queue storage did not answer; nothing was changed that the response does not report. Retry shortly; see /api/health."), true);
        }

        logger.Unhandled(ex, context.FunctionDefinition.Name, context.InvocationId);
        return (ProblemDetails.Of(500, ProblemTypes.Internal, "Internal error.",
            $"The request could not be completed. Quote invocation id {context.InvocationId} when reporting this."), false);
    }

    /// <summary>Storage that did not answer at all (no HTTP status), as opposed to a bug.</summary>
    private static bool IsStorageOutage(Exception ex) => ex switch
    {
        Azure.RequestFailedException { Status: 0 } => true,
        Azure.RequestFailedException { Status: 408 or 500 or 502 or 503 or 504 } => true,
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageOutage),
        { InnerException: { } inner } => IsStorageOutage(inner),
        _ => false,
    };

    private static RuleSetUnavailableException? FindRulesUnavailable(Exception ex) => ex switch
    {
        RuleSetUnavailableException unavailable => unavailable,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindRulesUnavailable).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => FindRulesUnavailable(inner),
        _ => null,
    };
}
