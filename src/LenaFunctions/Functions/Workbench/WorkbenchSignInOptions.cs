namespace LenaFunctions.Functions.Workbench;

/// <summary>
/// How the workbench page signs a pharmacist in with Microsoft Entra ID in Azure (section
/// <c>Workbench:SignIn</c>): the page itself runs the OAuth 2.0 authorization code flow with PKCE as a
/// public (single-page) client of the app registration that exposes <c>Rules.Publish</c>, and sends
/// the access token it gets with rule administration calls. Nothing here is a secret: a public client
/// has none. Without a client id the page keeps asking for keys only (locally, lena-host).
/// </summary>
public sealed class WorkbenchSignInOptions
{
    public const string SectionName = "Workbench:SignIn";

    /// <summary>The app registration's application (client) id; empty turns sign-in off.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The Microsoft Entra tenant (directory) id users sign in to.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The delegated scope the page asks for, e.g. <c>api://{client id}/user_impersonation</c>; its tokens carry the user's app roles.</summary>
    public string Scope { get; set; } = "";

    /// <summary>The Entra authority host; another value only for a sovereign cloud.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(Scope)
        && Uri.TryCreate(Instance, UriKind.Absolute, out var instance) && instance.Scheme == Uri.UriSchemeHttps;

    /// <summary>The tenant's OAuth 2.0 v2.0 endpoints' base, e.g. <c>https://login.microsoftonline.com/{tenant}/oauth2/v2.0</c>.</summary>
    public string Authority => $"{Instance.TrimEnd('/')}/{Uri.EscapeDataString(TenantId.Trim())}/oauth2/v2.0";

    /// <summary>The origin the page's script talks to for tokens (the Content-Security-Policy's connect-src).</summary>
    public string AuthorityOrigin => new Uri(Instance).GetLeftPart(UriPartial.Authority);
}
