namespace Lena.CdsHooks.Security;

/// <summary>Why a CDS Client's bearer token was refused; each reason is reported on its own.</summary>
public enum CdsJwtFailure
{
    MissingToken = 1,
    Malformed,
    AlgorithmNotAllowed,
    UntrustedIssuer,
    UnknownSigningKey,
    InvalidSignature,
    WrongAudience,
    Expired,
    IssuedInFuture,
    LifetimeTooLong,
    MissingClaim,
    SubjectMismatch,
    Replayed,
    JwksUnavailable,
}
