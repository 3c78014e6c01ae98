using System.Diagnostics.CodeAnalysis;

namespace Lena.CdsHooks.Security;

/// <summary>
/// The outcome of checking a CDS Client's token: the <see cref="Token"/>, or a <see cref="Failure"/>
/// with a <see cref="Message"/> safe to return to the caller (it never repeats the token).
/// </summary>
public sealed record CdsJwtValidation
{
    private CdsJwtValidation(CdsClientToken? token, CdsJwtFailure? failure, string message, string? missingClaim)
    {
        Token = token;
        Failure = failure;
        Message = message;
        MissingClaim = missingClaim;
    }

    public CdsClientToken? Token { get; }

    public CdsJwtFailure? Failure { get; }

    public string Message { get; }

    /// <summary>With <see cref="CdsJwtFailure.MissingClaim"/>: the claim that was absent (e.g. <c>jti</c>).</summary>
    public string? MissingClaim { get; }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Token is not null;

    public static CdsJwtValidation Valid(CdsClientToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token, null, "The token is valid.", null);
    }

    public static CdsJwtValidation Fail(CdsJwtFailure failure, string message) => new(null, failure, message, null);

    public static CdsJwtValidation ClaimMissing(string claim) =>
        new(null, CdsJwtFailure.MissingClaim, $"The token has no {claim} claim; it is required.", claim);
}
