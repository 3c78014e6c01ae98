using Azure;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using LenaFunctions.Security;
using LenaFunctions.Telemetry;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Rules;

/// <summary>
/// <c>PUT /api/rules/active</c> (function key and a Microsoft Entra token with the Rules.Publish app role) with <c>If-Match</c>: activates or rolls back to a
/// published version. The ETag condition means two admins cannot overwrite each other: the
/// second gets 412 with the current ETag.
/// </summary>
public sealed class ActivateRuleVersion(IRuleStore store, RuleAdminAuthorization authorization, ILogger<ActivateRuleVersion> logger)
{
    [Function(nameof(ActivateRuleVersion))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "rules/active")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!request.Headers.TryGetValues("If-Match", out var ifMatchValues) || ifMatchValues.FirstOrDefault() is not { Length: > 0 } ifMatch || ifMatch == "*")
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(428, ProblemTypes.PreconditionRequired, "If-Match required.",
                "Send If-Match with the ETag from GET /api/rules, so a concurrent activation cannot be overwritten."), cancellationToken).ConfigureAwait(false);
        }

        var (body, problem) = await JsonBody.ReadAsync<ActivateRuleVersionRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(body!.Actor) || string.IsNullOrWhiteSpace(body.Reason))
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid(string.IsNullOrWhiteSpace(body.Actor) ? "actor" : "reason", "must not be empty: the audit trail records who activated and why."), cancellationToken).ConfigureAwait(false);
        }

        var outcome = await store.ActivateAsync(body.Version, new ETag(ifMatch), body.Actor, body.Reason, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ActivationStatus.UnknownVersion:
                return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(422, ProblemTypes.NotFound, "Unknown rule-set version.",
                    $"No rule set {body.Version} has been published; publish it first (POST /api/rules/versions)."), cancellationToken).ConfigureAwait(false);
            case ActivationStatus.PreconditionFailed:
                var stale = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(412, ProblemTypes.PreconditionFailed, "The active version changed.",
                    $"The If-Match ETag is no longer current (active version: {outcome.Active?.Version ?? "none"}). Read GET /api/rules again and decide with the current state."), cancellationToken).ConfigureAwait(false);
                if (outcome.Active is { } current)
                {
                    stale.Headers.Add("ETag", current.ETag.ToString());
                }

                return stale;
            default:
                logger.ActivatedRuleSet(body.Version);
                var active = outcome.Active!;
                var response = await HttpResponses.JsonAsync(request, 200, new ActivationResponse(active.Version, active.ETag.ToString(), active.ActivatedAt), cancellationToken).ConfigureAwait(false);
                response.Headers.Add("ETag", active.ETag.ToString());
                return response;
        }
    }
}
