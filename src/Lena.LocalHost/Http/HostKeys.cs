using System.Security.Cryptography;
using System.Text;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Http;

/// <summary>
/// Function keys as the Functions host checks them, for one host key (<c>default</c>, function
/// level): the key comes in <c>x-functions-key</c> or, failing that, <c>?code=</c>; a matching key
/// makes the request a function-level caller, passed to the worker as a <c>WebJobsAuthLevel</c>
/// identity (the host's authentication handler does the same for every route, anonymous or not);
/// a function- or admin-level route refuses a request without one with an empty 401. Without a
/// configured key nothing is enforced and no identity is sent, as with <c>func start</c>.
/// </summary>
internal sealed class HostKeys(string? functionKey)
{
    public const string AuthenticationType = "WebJobsAuthLevel";
    public const string AuthLevelClaimType = "http://schemas.microsoft.com/2017/07/functions/claims/authlevel";
    public const string KeyIdClaimType = "http://schemas.microsoft.com/2017/07/functions/claims/keyid";
    private const string NameClaimType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    private const string RoleClaimType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    private readonly byte[]? _key = string.IsNullOrEmpty(functionKey) ? null : Encoding.UTF8.GetBytes(functionKey);

    public bool Enforced => _key is not null;

    /// <summary>True when the request presents the configured key.</summary>
    public bool Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_key is null)
        {
            return false;
        }

        var value = request.Headers.TryGetValue("x-functions-key", out var header) && !string.IsNullOrEmpty(header.ToString())
            ? header.ToString()
            : request.Query["code"].ToString();
        return value.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _key);
    }

    /// <summary>Whether a route of this auth level may run for the request.</summary>
    public bool Admits(string authLevel, bool keyPresented) =>
        !Enforced || keyPresented || authLevel.Equals("Anonymous", StringComparison.OrdinalIgnoreCase);

    /// <summary>The identity the host hands the worker for a function-level key.</summary>
    public static RpcClaimsIdentity FunctionLevelIdentity()
    {
        var identity = new RpcClaimsIdentity
        {
            AuthenticationType = new NullableString { Value = AuthenticationType },
            NameClaimType = new NullableString { Value = NameClaimType },
            RoleClaimType = new NullableString { Value = RoleClaimType },
        };
        identity.Claims.Add(new RpcClaim { Type = AuthLevelClaimType, Value = "Function" });
        identity.Claims.Add(new RpcClaim { Type = KeyIdClaimType, Value = "default" });
        return identity;
    }
}
