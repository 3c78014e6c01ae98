using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Security;

/// <summary>
/// Whether the Functions host authenticated the request by a function key. The host checks
/// <c>x-functions-key</c> (or <c>?code=</c>) on every request, whatever the route's level, and passes
/// the result to the worker as an identity of type <c>WebJobsAuthLevel</c> with an <c>authlevel</c>
/// claim; a caller cannot forge it (the host strips these claims from App Service identities).
/// </summary>
public static class HostKeyIdentity
{
    public const string AuthenticationType = "WebJobsAuthLevel";
    public const string AuthLevelClaimType = "http://schemas.microsoft.com/2017/07/functions/claims/authlevel";

    /// <summary>True for a function, host (admin) or system key; false when no valid key came.</summary>
    public static bool IsPresent(HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var identity in request.Identities)
        {
            if (!string.Equals(identity.AuthenticationType, AuthenticationType, StringComparison.Ordinal))
            {
                continue;
            }

            if (identity.FindAll(AuthLevelClaimType).Any(c => c.Value is "Function" or "Admin" or "System"))
            {
                return true;
            }
        }

        return false;
    }
}
