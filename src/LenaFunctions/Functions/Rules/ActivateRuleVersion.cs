using Lena.Clinical.Rules;
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
/// <c>PUT /api/rules/active</c> (a Microsoft Entra token with the Rules.Publish app role; anonymous at the host, so no key) with <c>If-Match</c>: activates or rolls back to a
/// published version. The ETag condition means two admins cannot overwrite each other: the
/// second gets 412 with the current ETag. With no active version yet, <c>If-Match: *</c> activates the first.
/// </summary>
public sealed class ActivateRuleVersion(IRuleStore store, ActiveRuleSetProvider rules, RuleAdminAuthorization authorization, ILogger<ActivateRuleVersion> logger)
{
    [Function(nameof(ActivateRuleVersion))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "rules/active")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (ifMatch, conditionProblem) = IfMatch.Read(request, "GET /api/rules");
        if (conditionProblem is not null)
        {
            return await HttpResponses.ProblemAsync(request, conditionProblem, cancellationToken).ConfigureAwait(false);
        }

        var (body, problem) = await JsonBody.ReadAsync<ActivateRuleVersionRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var errors = new ValidationErrors();
        if (!RuleSetVersions.IsValid(body!.Version))
        {
            errors.Add("version", RuleSetVersions.Requirement);
        }

        TextLimits.Require(errors, "actor", body.Actor, TextLimits.NameChars, "the audit trail records who activated and why.");
        TextLimits.Require(errors, "reason", body.Reason, TextLimits.ReasonChars, "the audit trail records who activated and why.");
        if (!errors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        var outcome = await store.ActivateAsync(body.Version, ifMatch!.ETag, body.Actor, body.Reason, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ActivationStatus.UnknownVersion:
                return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(422, ProblemTypes.NotFound, "Unknown rule-set version.",
                    $"No rule set {body.Version} has been published; publish it first (POST /api/rules/versions)."), cancellationToken).ConfigureAwait(false);
            case ActivationStatus.PreconditionFailed:
                var stale = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(412, ProblemTypes.PreconditionFailed, "The active version changed.",
                    outcome.Active is null
                        ? "No version is active yet: activate the first one with If-Match: *."
                        : $"The If-Match ETag is not the current one (active version: {outcome.Active.Version}); this response's ETag header is. Read GET /api/rules again and decide with the current state."), cancellationToken).ConfigureAwait(false);
                if (outcome.Active is { } current)
                {
                    stale.Headers.Add("ETag", current.ETag.ToString());
                }

                return stale;
            default:
                logger.ActivatedRuleSet(body.Version);
                rules.Invalidate(); // this instance serves the new version from its next request on
                var active = outcome.Active!;
                var response = await HttpResponses.JsonAsync(request, 200, new ActivationResponse(active.Version, active.ETag.ToString(), active.ActivatedAt), cancellationToken).ConfigureAwait(false);
                response.Headers.Add("ETag", active.ETag.ToString());
                return response;
        }
    }
}
