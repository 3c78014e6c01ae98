using System.Text;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Http;
using LenaFunctions.Security;
using LenaFunctions.Telemetry;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Rules;

/// <summary>
/// <c>POST /api/rules/versions</c> (a Microsoft Entra token with the Rules.Publish app role; anonymous at the host, so no key): validates and stores a new immutable version. It does
/// not go live until activated; a bad rule set is a 400 listing every problem.
/// </summary>
public sealed class PublishRuleVersion(IRuleStore store, RuleAdminAuthorization authorization, ILogger<PublishRuleVersion> logger)
{
    [Function(nameof(PublishRuleVersion))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rules/versions")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<PublishRuleVersionRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var fieldErrors = new ValidationErrors();
        TextLimits.Require(fieldErrors, "author", body!.Author, TextLimits.NameChars, "the audit trail records who published and why.");
        TextLimits.Require(fieldErrors, "reason", body.Reason, TextLimits.ReasonChars, "the audit trail records who published and why.");
        if (body.BasedOn is not null && !RuleSetVersions.IsValid(body.BasedOn))
        {
            fieldErrors.Add("basedOn", RuleSetVersions.Requirement);
        }

        if (!fieldErrors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(fieldErrors), cancellationToken).ConfigureAwait(false);
        }

        var parsed = RuleSetDocument.Parse(Encoding.UTF8.GetBytes(body.RuleSet.GetRawText()));
        if (!parsed.IsValid)
        {
            return await HttpResponses.ProblemAsync(request, RuleSetProblems.Invalid(parsed, "nothing was published."), cancellationToken).ConfigureAwait(false);
        }

        var outcome = await store.PublishAsync(parsed.RuleSet!, body.Author, body.Reason, body.BasedOn, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case PublishStatus.VersionExists:
                return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(409, ProblemTypes.Conflict, "Version already published.", outcome.Problem!), cancellationToken).ConfigureAwait(false);
            case PublishStatus.TooLarge:
                return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("ruleSet", outcome.Problem!), cancellationToken).ConfigureAwait(false);
            default:
                logger.PublishedRuleSet(outcome.Info!.Version);
                var response = await HttpResponses.JsonAsync(request, 201, outcome.Info, cancellationToken).ConfigureAwait(false);
                response.Headers.Add("Location", $"/api/rules/versions/{Uri.EscapeDataString(outcome.Info.Version)}");
                return response;
        }
    }
}
