namespace LenaFunctions.Security;

/// <summary>
/// Marks a function that is anonymous at the host and checks <see cref="RuleAdminAuthorization.RejectReaderAsync"/>
/// first: a function key, or a Microsoft Entra token with a reader role (the workbench's signed-in
/// pharmacist). The OpenAPI document (and its tests) state both ways in.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresKeyOrSignInAttribute : Attribute
{
}
