namespace Lena.CdsHooks.Security;

/// <summary>How one JWT member reads: absent, of the wrong JSON type, or a value.</summary>
internal enum JwtClaimState
{
    Absent,
    WrongType,
    Present,
}
