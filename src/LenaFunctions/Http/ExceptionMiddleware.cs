using Lena.Clinical.Contract;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Http;

/// <summary>
/// Turns an exception in an HTTP function into a problem: 503 when no rule set can be served,
/// otherwise a generic 500 that names only the invocation id. Exception text never leaves the app.
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

            var unavailable = FindRulesUnavailable(ex);
            ProblemDetails problem;
            if (unavailable is not null)
            {
                logger.RulesUnavailable(ex, context.InvocationId);
                problem = ProblemDetails.Of(503, ProblemTypes.RulesUnavailable, "Clinical rules unavailable.",
                    "Rule storage is unreachable and no recently validated rule set is cached, so no clinical answer can be given. Retry shortly; see /api/health.");
            }
            else
            {
                logger.Unhandled(ex, context.FunctionDefinition.Name, context.InvocationId);
                problem = ProblemDetails.Of(500, ProblemTypes.Internal, "Internal error.",
                    $"The request could not be completed. Quote invocation id {context.InvocationId} when reporting this.");
            }

            var response = await HttpResponses.ProblemAsync(request, problem, CancellationToken.None).ConfigureAwait(false);
            if (unavailable is not null)
            {
                response.Headers.Add("Retry-After", "30");
            }

            context.GetInvocationResult().Value = response;
        }
    }

    private static RuleSetUnavailableException? FindRulesUnavailable(Exception ex) => ex switch
    {
        RuleSetUnavailableException unavailable => unavailable,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindRulesUnavailable).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => FindRulesUnavailable(inner),
        _ => null,
    };
}
