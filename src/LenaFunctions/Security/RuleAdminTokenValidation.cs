namespace LenaFunctions.Security;

/// <summary>The outcome of checking a rule administration token.</summary>
public sealed record RuleAdminTokenValidation(RuleAdminTokenFailure Failure, string Message)
{
    public static RuleAdminTokenValidation Valid { get; } = new(RuleAdminTokenFailure.None, "");

    public bool IsValid => Failure == RuleAdminTokenFailure.None;

    /// <summary>403 rather than 401: the caller is who the token says, but lacks the app role.</summary>
    public bool IsForbidden => Failure == RuleAdminTokenFailure.MissingRole;

    public static RuleAdminTokenValidation Fail(RuleAdminTokenFailure failure, string message) => new(failure, message);
}
