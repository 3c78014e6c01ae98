namespace LenaFunctions.Tests.Metadata;

/// <summary>One row of API.md's function table, as the host must see it in <c>functions.metadata</c>.</summary>
/// <param name="Methods">Lower-case HTTP methods; null for a non-HTTP trigger.</param>
/// <param name="AuthLevel">The <c>AuthorizationLevel</c> name; null for a non-HTTP trigger.</param>
public sealed record ExpectedFunction(string Name, string Trigger, string? Route = null, string[]? Methods = null, string? AuthLevel = null)
{
    /// <summary>Every method a catch-all answers (the host's default when none are listed).</summary>
    public static readonly string[] AllMethods = ["get", "post", "put", "delete", "patch", "head", "options"];

    /// <remarks>Every GET route also answers HEAD (API.md "Contract additions": HTTP).</remarks>
    public static ExpectedFunction Http(string name, string method, string route, string authLevel) =>
        new(name, "httpTrigger", route, method switch { "*" => AllMethods, "get" => ["get", "head"], _ => [method] }, authLevel);

    public override string ToString() => Name;
}
