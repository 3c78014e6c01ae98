using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Security;

/// <summary>The key an issuer published under a kid, or why there is none.</summary>
public sealed record JwksKeyLookup(JwksLookupStatus Status, JsonWebKey? Key)
{
    public static JwksKeyLookup Unknown { get; } = new(JwksLookupStatus.UnknownKey, null);

    public static JwksKeyLookup Unavailable { get; } = new(JwksLookupStatus.Unavailable, null);

    public static JwksKeyLookup Found(JsonWebKey key) => new(JwksLookupStatus.Found, key);
}
