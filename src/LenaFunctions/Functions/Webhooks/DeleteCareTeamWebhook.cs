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
/// <c>DELETE /api/care-teams/{careTeamId}/webhook</c> (authorised like the PUT): removes the team's
/// webhook and its secret. 200 with what was removed (never the secret); 404 when the team had none. Reminders for the team then stay
/// undelivered and end in the poison queue (README, "Delivery to people").
/// </summary>
public sealed class DeleteCareTeamWebhook(IWebhookStore store, RuleAdminAuthorization authorization, ILogger<DeleteCareTeamWebhook> logger)
{
    [Function(nameof(DeleteCareTeamWebhook))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "care-teams/{careTeamId}/webhook")] HttpRequestData request,
        string careTeamId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await WebhookAdmission.RejectAsync(request, careTeamId, authorization, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var registered = await store.GetAsync(careTeamId, cancellationToken).ConfigureAwait(false);
        if (registered is null || !await store.DeleteAsync(careTeamId, cancellationToken).ConfigureAwait(false))
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "No webhook registered.",
                "This care team has no webhook; register one with PUT on the same URL."), cancellationToken).ConfigureAwait(false);
        }

        logger.WebhookRemoved(careTeamId);
        return await HttpResponses.JsonAsync(request, 200, new CareTeamWebhookView(careTeamId, registered.Url.ToString(), registered.RegisteredAt), cancellationToken).ConfigureAwait(false);
    }
}
