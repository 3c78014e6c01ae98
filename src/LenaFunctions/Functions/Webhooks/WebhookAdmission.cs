using Lena.Courses;
using LenaFunctions.Http;
using LenaFunctions.Security;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Webhooks;

/// <summary>What both webhook routes check first: the administrator (as for rule publishing), then the care team id in the path.</summary>
internal static class WebhookAdmission
{
    public static async Task<HttpResponseData?> RejectAsync(HttpRequestData request, string careTeamId, RuleAdminAuthorization authorization, CancellationToken cancellationToken)
    {
        if (await authorization.RejectAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return CareTeams.IsValid(careTeamId)
            ? null
            : await HttpResponses.ProblemAsync(request, JsonBody.Invalid("careTeamId", "(in the path) must be the care team's opaque id: 1–64 of A–Z, a–z, 0–9, _ and -."), cancellationToken).ConfigureAwait(false);
    }
}
