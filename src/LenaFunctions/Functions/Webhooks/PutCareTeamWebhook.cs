using Lena.Clinical.Contract;
using Lena.Delivery;
using LenaFunctions.Http;
using LenaFunctions.Security;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Webhooks;

/// <summary>
/// <c>PUT /api/care-teams/{careTeamId}/webhook</c> (function key and, in Azure, a Microsoft Entra token
/// with the Rules.Publish app role, as rule publishing): registers or replaces where the team's reminders
/// are POSTed and the secret they are signed with. 201 when new, 200 when replaced; the answer never
/// contains the secret, and no route returns it.
/// </summary>
public sealed class PutCareTeamWebhook(IWebhookStore store, WebhookUrlPolicy urls, RuleAdminAuthorization authorization, TimeProvider clock, ILogger<PutCareTeamWebhook> logger)
{
    [Function(nameof(PutCareTeamWebhook))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "care-teams/{careTeamId}/webhook")] HttpRequestData request,
        string careTeamId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await WebhookAdmission.RejectAsync(request, careTeamId, authorization, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<CareTeamWebhookRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var errors = new ValidationErrors();
        if (urls.Problem(body!.Url) is { } urlProblem)
        {
            errors.Add("url", urlProblem);
        }

        if (WebhookSecret.Problem(body.Secret) is { } secretProblem)
        {
            errors.Add("secret", secretProblem);
        }

        if (!errors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        var registration = new WebhookRegistration(careTeamId, new Uri(body.Url!, UriKind.Absolute), body.Secret!, clock.GetUtcNow());
        var created = await store.PutAsync(registration, cancellationToken).ConfigureAwait(false);
        logger.WebhookRegistered(careTeamId, registration.Url.Host, created);
        return await HttpResponses.JsonAsync(request, created ? 201 : 200, new CareTeamWebhookView(careTeamId, registration.Url.ToString(), registration.RegisteredAt), cancellationToken).ConfigureAwait(false);
    }
}
