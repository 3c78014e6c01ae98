namespace LenaFunctions.Security;

/// <summary>
/// Marks a function that checks <see cref="RuleAdminAuthorization"/> before anything else, so the
/// OpenAPI document (and its tests) can state the Entra bearer token it needs. Such a function is
/// anonymous at the host: the token is the check, and a signed-in pharmacist handles no key.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresRuleAdminAttribute : Attribute
{
}
