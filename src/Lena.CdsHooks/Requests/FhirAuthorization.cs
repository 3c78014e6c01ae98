namespace Lena.CdsHooks.Requests;

/// <summary>The client's bearer token for its FHIR server. Never logged, never stored.</summary>
public sealed class FhirAuthorization(string accessToken, string tokenType, int expiresIn, string scope, string subject)
{
    public string AccessToken { get; } = accessToken;
    public string TokenType { get; } = tokenType;
    public int ExpiresIn { get; } = expiresIn;
    public string Scope { get; } = scope;
    public string Subject { get; } = subject;

    // A class with a redacting ToString, so string interpolation or a debugger display never shows the token.
    public override string ToString() => $"FhirAuthorization {{ TokenType = {TokenType}, Scope = {Scope}, AccessToken = *** }}";
}
