namespace LenaFunctions.Security;

/// <summary>Why a rule administration token was refused; each answer names its own reason.</summary>
public enum RuleAdminTokenFailure
{
    None,
    MissingToken,
    Malformed,
    SigningKeysUnavailable,
    InvalidSignature,
    AlgorithmNotAllowed,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
    Invalid,
    MissingRole,
}
