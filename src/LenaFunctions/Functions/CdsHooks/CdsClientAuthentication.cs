using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Security;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LenaFunctions.Functions.CdsHooks;

/// <summary>
/// The CDS Hooks trust check in front of every service and feedback call: the client's signed
/// JWT (the function key is checked by the host before this runs). The expected <c>aud</c> is
/// <c>CdsHooks__ServiceBaseUrl/{id}</c>; without that setting it is taken from the request URL,
/// but only on this machine — a Host header must never decide which audience is accepted.
/// </summary>
public sealed class CdsClientAuthentication(CdsHooksJwtValidator validator, IOptions<CdsHooksAuthOptions> options, ILogger<CdsClientAuthentication> logger)
{
    /// <summary>Null when the caller is trusted; otherwise the 401/503 answer to send.</summary>
    public async Task<HttpResponseData?> RejectAsync(HttpRequestData request, string serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var audience = Audience(request, serviceId);
        if (audience is null)
        {
            logger.CdsClientRejected(Known(serviceId), "ServiceBaseUrlNotConfigured");
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(503, ProblemTypes.CdsClientUnverifiable, "CDS client tokens cannot be checked.",
                "The app setting CdsHooks__ServiceBaseUrl is not set, so the token audience cannot be verified."), cancellationToken).ConfigureAwait(false);
        }

        request.Headers.TryGetValues("Authorization", out var values);
        var validation = await validator.ValidateAsync(values?.FirstOrDefault(), audience, cancellationToken).ConfigureAwait(false);
        if (validation.IsValid)
        {
            return null;
        }

        logger.CdsClientRejected(Known(serviceId), validation.Failure.ToString()!);
        var challenge = CdsAuthChallenge.For(validation);
        var problem = challenge.Status == 503
            ? ProblemDetails.Of(503, ProblemTypes.CdsClientUnverifiable, "CDS client keys are unavailable.", challenge.Message)
            : ProblemDetails.Of(401, ProblemTypes.Unauthorized, "The CDS client is not trusted.", challenge.Message);
        var response = await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        if (challenge.WwwAuthenticate is { } header)
        {
            response.Headers.Add("WWW-Authenticate", header);
        }

        if (challenge.Status == 503)
        {
            response.Headers.Add("Retry-After", "30");
        }

        return response;
    }

    /// <summary>The id for logs: a known service id or "unknown", never the caller's raw route value.</summary>
    private static string Known(string serviceId) => LenaCdsServices.Find(serviceId)?.Id ?? "unknown";

    private string? Audience(HttpRequestData request, string serviceId)
    {
        if (!string.IsNullOrEmpty(options.Value.ServiceBaseUrl))
        {
            return options.Value.AudienceFor(serviceId);
        }

        return request.Url.IsLoopback
            ? $"{request.Url.GetLeftPart(UriPartial.Authority)}/api/cds-services/{serviceId}"
            : null;
    }
}
