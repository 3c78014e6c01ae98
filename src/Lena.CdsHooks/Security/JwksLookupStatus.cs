namespace Lena.CdsHooks.Security;

public enum JwksLookupStatus
{
    Found = 1,

    /// <summary>The issuer's keys are known but none has this kid.</summary>
    UnknownKey,

    /// <summary>The issuer's keys could not be obtained (endpoint down, invalid document) and none are cached.</summary>
    Unavailable,
}
