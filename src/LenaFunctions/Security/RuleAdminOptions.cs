namespace LenaFunctions.Security;

/// <summary>
/// Who may publish, activate and try out rule sets (section <c>RuleAdmin</c>): holders of a
/// Microsoft Entra access token from <see cref="TenantId"/>, issued for <see cref="Audience"/>,
/// carrying the app role <see cref="RequiredRole"/>. Without a tenant and audience, rule
/// administration works only for loopback requests on a development host (<see cref="LocalDevelopment"/>).
/// </summary>
public sealed class RuleAdminOptions
{
    public const string SectionName = "RuleAdmin";

    /// <summary>The Microsoft Entra tenant (directory) id whose tokens are accepted.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>
    /// The API's app registration as tokens name it in <c>aud</c>: its Application ID URI
    /// (<c>api://…</c>, v1 tokens) and/or its client id (v2 tokens); several separated by commas.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>The app role (token claim <c>roles</c>) a caller must hold.</summary>
    public string RequiredRole { get; set; } = "Rules.Publish";

    /// <summary>
    /// The app role (besides <see cref="RequiredRole"/>) that lets a signed-in user do what a function
    /// key allows on the workbench's routes: read the rules and ask for a patient's assessment.
    /// </summary>
    public string ReaderRole { get; set; } = "Workbench.Read";

    /// <summary>The roles accepted in place of a function key; a rule administrator may also read.</summary>
    public IReadOnlyCollection<string> ReaderRoles => [ReaderRole, RequiredRole];

    /// <summary>The Entra authority host; another value only for a sovereign cloud.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>
    /// Set from AZURE_FUNCTIONS_ENVIRONMENT=Development (Core Tools and lena-host set it; Azure does
    /// not): with no tenant configured, loopback requests then administer rules with the key alone.
    /// </summary>
    public bool LocalDevelopment { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && Audiences.Count > 0;

    public IReadOnlyList<string> Audiences =>
        Audience.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The tenant's issuers: v2.0 tokens and v1.0 tokens (an API's accessTokenAcceptedVersion decides which it gets).</summary>
    public IReadOnlyList<string> Issuers =>
    [
        $"{Authority}/v2.0",
        $"https://sts.windows.net/{TenantId.Trim()}/",
    ];

    /// <summary>The tenant's OpenID Connect metadata, which names its signing keys (jwks_uri).</summary>
    public string MetadataAddress => $"{Authority}/v2.0/.well-known/openid-configuration";

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);

    private string Authority => $"{Instance.TrimEnd('/')}/{TenantId.Trim()}";
}
