namespace LenaFunctions.Security;

/// <summary>
/// Marks a function that checks <see cref="RuleAdminAuthorization"/> before anything else, so the
/// OpenAPI document (and its tests) can state the Entra bearer token it needs besides the function key.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresRuleAdminAttribute : Attribute
{
}
