using System.Text;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LenaFunctions.Security;

/// <summary>
/// The check in front of publishing, activating and trying out rule sets. In Azure: a Microsoft
/// Entra access token with the app role <see cref="RuleAdminOptions.RequiredRole"/>, on top of the
/// function key the host checks; the host's master key is never needed. On a development host with
/// no tenant configured, a loopback request passes on its key alone, so local work stays simple.
/// </summary>
public sealed class RuleAdminAuthorization(EntraTokenValidator validator, IOptions<RuleAdminOptions> options, ILogger<RuleAdminAuthorization> logger)
{
    /// <summary>Null when the caller may administer rules; otherwise the 401/403/503 answer to send.</summary>
    public async Task<HttpResponseData?> RejectAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            if (settings.LocalDevelopment && request.Url.IsLoopback)
            {
                return null;
            }

            logger.RuleAdminRejected(nameof(RuleAdminOptions) + "NotConfigured");
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(503, ProblemTypes.RuleAdminUnverifiable, "Rule administration is not configured.",
                "Set RuleAdmin__TenantId and RuleAdmin__Audience (azd value LENA_RULES_ADMIN_AUDIENCE) so Microsoft Entra tokens can be checked."), cancellationToken).ConfigureAwait(false);
        }

        request.Headers.TryGetValues("Authorization", out var values);
        var validation = await validator.ValidateAsync(values?.FirstOrDefault(), cancellationToken).ConfigureAwait(false);
        if (validation.IsValid)
        {
            return null;
        }

        logger.RuleAdminRejected(validation.Failure.ToString());
        if (validation.Failure == RuleAdminTokenFailure.SigningKeysUnavailable)
        {
            var unavailable = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(503, ProblemTypes.RuleAdminUnverifiable, "The tenant's signing keys are unavailable.", validation.Message), cancellationToken).ConfigureAwait(false);
            unavailable.Headers.Add("Retry-After", "30");
            return unavailable;
        }

        if (validation.IsForbidden)
        {
            var forbidden = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(403, ProblemTypes.Forbidden, "Not allowed to administer rules.", validation.Message), cancellationToken).ConfigureAwait(false);
            forbidden.Headers.Add("WWW-Authenticate", $"Bearer error=\"insufficient_scope\", error_description=\"{Describe(validation.Message)}\"");
            return forbidden;
        }

        var response = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(401, ProblemTypes.Unauthorized, "Not signed in for rule administration.", validation.Message), cancellationToken).ConfigureAwait(false);
        // RFC 6750 §3.1: a request without credentials gets a challenge without an error code.
        response.Headers.Add("WWW-Authenticate", validation.Failure == RuleAdminTokenFailure.MissingToken
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{Describe(validation.Message)}\"");
        return response;
    }

    /// <summary>RFC 6750 allows only printable ASCII without <c>"</c> and <c>\</c> in error_description.</summary>
    private static string Describe(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return text.ToString();
    }
}
