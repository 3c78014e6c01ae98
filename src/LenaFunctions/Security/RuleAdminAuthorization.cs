using System.Text;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LenaFunctions.Security;

/// <summary>
/// The checks in front of the routes the workbench calls, which are anonymous at the host so that a
/// signed-in pharmacist needs no key. Publishing, activating and trying out rule sets: a Microsoft
/// Entra access token with the app role <see cref="RuleAdminOptions.RequiredRole"/> (a function key
/// alone never suffices; the host's master key is never needed). Reading rules and a patient's
/// assessment: a function key, as the host authenticated it (<see cref="HostKeyIdentity"/>), or a token
/// with <see cref="RuleAdminOptions.ReaderRoles"/>. On a development host a loopback request passes
/// both checks with no tenant configured, and the reading check whatever is configured, as under
/// <c>func start</c>, which enforces no keys.
/// </summary>
public sealed class RuleAdminAuthorization(EntraTokenValidator validator, IOptions<RuleAdminOptions> options, ILogger<RuleAdminAuthorization> logger)
{
    private const string MissingKeyAndToken = "MissingKeyAndToken";
    private const string SignInNotConfigured = "SignInNotConfigured";

    /// <summary>Null when the caller may read what a function key reads; otherwise the 401/403/503 answer to send.</summary>
    public async Task<HttpResponseData?> RejectReaderAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (HostKeyIdentity.IsPresent(request) || (settings.LocalDevelopment && request.Url.IsLoopback))
        {
            return null;
        }

        request.Headers.TryGetValues("Authorization", out var values);
        var header = values?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(header) || !settings.IsConfigured)
        {
            var reason = string.IsNullOrWhiteSpace(header) ? MissingKeyAndToken : SignInNotConfigured;
            logger.ReaderRejected(reason);
            var detail = settings.IsConfigured
                ? $"Send the function key in the x-functions-key header, or sign in: Authorization: Bearer with a Microsoft Entra access token carrying the app role {string.Join(" or ", settings.ReaderRoles)}."
                : "Send the function key in the x-functions-key header; this app accepts no sign-in (RuleAdmin__TenantId and RuleAdmin__Audience are not set).";
            var missing = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(401, ProblemTypes.Unauthorized, "No function key and not signed in.", detail), cancellationToken).ConfigureAwait(false);
            missing.Headers.Add("WWW-Authenticate", "Bearer");
            return missing;
        }

        var validation = await validator.ValidateAsync(header, settings.ReaderRoles, cancellationToken).ConfigureAwait(false);
        if (validation.IsValid)
        {
            return null;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.ReaderRejected(validation.Failure.ToString());
        }

        return await RefuseAsync(request, validation, "Not allowed to read rules or assessments.", "Not signed in.", cancellationToken).ConfigureAwait(false);
    }

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
        return await RefuseAsync(request, validation, "Not allowed to administer rules.", "Not signed in for rule administration.", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HttpResponseData> RefuseAsync(HttpRequestData request, RuleAdminTokenValidation validation, string forbiddenTitle, string unauthorizedTitle, CancellationToken cancellationToken)
    {
        if (validation.Failure == RuleAdminTokenFailure.SigningKeysUnavailable)
        {
            var unavailable = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(503, ProblemTypes.RuleAdminUnverifiable, "The tenant's signing keys are unavailable.", validation.Message), cancellationToken).ConfigureAwait(false);
            unavailable.Headers.Add("Retry-After", "30");
            return unavailable;
        }

        if (validation.IsForbidden)
        {
            var forbidden = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(403, ProblemTypes.Forbidden, forbiddenTitle, validation.Message), cancellationToken).ConfigureAwait(false);
            forbidden.Headers.Add("WWW-Authenticate", $"Bearer error=\"insufficient_scope\", error_description=\"{Describe(validation.Message)}\"");
            return forbidden;
        }

        var response = await HttpResponses.ProblemAsync(request, ProblemDetails.Of(401, ProblemTypes.Unauthorized, unauthorizedTitle, validation.Message), cancellationToken).ConfigureAwait(false);
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
