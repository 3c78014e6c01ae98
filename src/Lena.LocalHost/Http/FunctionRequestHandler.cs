using Lena.LocalHost.Rpc;
using Lena.LocalHost.Rpc.Messages;
using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Http;

/// <summary>
/// Routes each request to a function (see <see cref="RouteTable"/>), invokes it in the worker and
/// writes its answer back; 404 / 405 when no function takes the request, 502 when the invocation
/// fails or the worker is gone. <c>POST /admin/functions/{name}</c> runs a timer function now and
/// answers 202 once it has run. Authorization levels are enforced only when a function key is
/// configured (<see cref="HostKeys"/>); otherwise, as with <c>func start</c>, every route accepts any request.
/// </summary>
internal sealed class FunctionRequestHandler(
    RouteTable routes,
    RoutePrefix prefix,
    IReadOnlyDictionary<string, FunctionDescriptor> functions,
    IFunctionInvoker invoker,
    Func<string, CancellationToken, Task<AdminFireResult>> fireFunction,
    HostKeys keys,
    ILogger logger)
{
    private const string AdminFunctionsPath = "/admin/functions/";

    /// <summary>Answers one request and logs one line for it: method, path (no query string), status, time.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsedMs = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            var path = context.Request.Path.Value ?? "/";
            HostLog.Request(logger, context.Request.Method, path, context.Response.StatusCode, elapsedMs);
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminFunctionsPath, StringComparison.OrdinalIgnoreCase))
        {
            await AdminAsync(context, Uri.UnescapeDataString(path[AdminFunctionsPath.Length..].Trim('/'))).ConfigureAwait(false);
            return;
        }

        var below = prefix.Strip(path);
        var selection = below is null ? new RouteSelection.NotFound() : routes.Select(context.Request.Method, below);
        switch (selection)
        {
            case RouteSelection.Matched matched:
                await InvokeAsync(context, matched).ConfigureAwait(false);
                break;
            case RouteSelection.MethodNotAllowed notAllowed:
                context.Response.Headers.Allow = string.Join(", ", notAllowed.Allowed);
                await ProblemResponses.WriteAsync(context, 405, "method-not-allowed", "Method not allowed.",
                    $"{path} accepts {string.Join(", ", notAllowed.Allowed)}, not {context.Request.Method}.").ConfigureAwait(false);
                break;
            default:
                await ProblemResponses.WriteAsync(context, 404, "not-found", "No such route.",
                    $"No function of this app has a route for {path}.").ConfigureAwait(false);
                break;
        }
    }

    private async Task InvokeAsync(HttpContext context, RouteSelection.Matched matched)
    {
        var function = functions[matched.Route.FunctionName];
        var keyPresented = keys.Presented(context.Request);
        if (!keys.Admits(matched.Route.AuthLevel, keyPresented))
        {
            // What the Functions host answers: 401 with no body, before the worker sees anything.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var request = HttpInvocationMapper.ToInvocation(context, function.Trigger.Name, function.Id, matched.Values, body);
        if (keyPresented)
        {
            request.InputData[0].Data.Http.Identities.Add(HostKeys.FunctionLevelIdentity());
        }
        InvocationResponse response;
        try
        {
            response = await invoker.InvokeAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (WorkerUnavailableException)
        {
            HostLog.WorkerGoneForRequest(logger, function.Name, request.InvocationId);
            await ProblemResponses.WriteAsync(context, 502, "worker-unavailable", "The function worker is not running.",
                $"{function.Name} could not be invoked: the worker process has exited. Restart lena-host.").ConfigureAwait(false);
            return;
        }

        var result = HttpInvocationMapper.HttpResult(response);
        if (response.Result?.Status != StatusResult.Types.Status.Success || result is null)
        {
            HostLog.InvocationFailed(logger, function.Name, request.InvocationId, response.Result?.Exception?.Message ?? "no HTTP result");
            await ProblemResponses.WriteAsync(context, 502, "invocation-failed", "The function invocation failed.",
                $"{function.Name} failed (invocation {request.InvocationId}); the host console has the worker's error.").ConfigureAwait(false);
            return;
        }

        await HttpInvocationMapper.WriteAsync(context, result, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task AdminAsync(HttpContext context, string name)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await ProblemResponses.WriteAsync(context, 405, "method-not-allowed", "Method not allowed.", "POST /admin/functions/{name} runs a function now.").ConfigureAwait(false);
            return;
        }

        var outcome = await fireFunction(name, context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case AdminFireResult.Accepted:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                break;
            case AdminFireResult.NotFound:
                await ProblemResponses.WriteAsync(context, 404, "not-found", "No such function.", $"This app has no function named '{name}'.").ConfigureAwait(false);
                break;
            case AdminFireResult.NotSupported:
                await ProblemResponses.WriteAsync(context, 400, "not-supported", "Not a timer function.",
                    $"lena-host runs only timer functions through the admin endpoint; call '{name}' on its own route.").ConfigureAwait(false);
                break;
            default:
                await ProblemResponses.WriteAsync(context, 502, "invocation-failed", "The function invocation failed.",
                    $"{name} failed; the host console has the worker's error.").ConfigureAwait(false);
                break;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
