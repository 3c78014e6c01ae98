namespace Lena.CdsHooks.Security;

/// <summary>
/// One CDS Client we accept tokens from: its <c>iss</c> and where its public keys are
/// (<see cref="JwksUrl"/>, or an inline <see cref="Jwks"/> for tests and local runs).
/// </summary>
public sealed class CdsTrustedIssuer
{
    /// <summary>The exact <c>iss</c> value the client puts in its tokens.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The client's JWKS endpoint: https, or http only for localhost/127.0.0.1.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>An inline JWKS document (JSON), instead of <see cref="JwksUrl"/>.</summary>
    public string? Jwks { get; set; }

    /// <summary>When set, the token's <c>sub</c> (the client id) must equal it.</summary>
    public string? ClientId { get; set; }

    /// <summary>Same as <see cref="ClientId"/> (the spec calls the claim <c>sub</c>); either may be set, not both differently.</summary>
    public string? Subject { get; set; }

    /// <summary>The <c>sub</c> this issuer's tokens must carry, or null when any is accepted.</summary>
    public string? ExpectedSubject => string.IsNullOrEmpty(ClientId) ? (string.IsNullOrEmpty(Subject) ? null : Subject) : ClientId;

    /// <summary>All of Issuer, JwksUrl and Jwks blank: an unset entry, ignored rather than trusted or refused.</summary>
    public bool IsPlaceholder => string.IsNullOrWhiteSpace(Issuer) && string.IsNullOrEmpty(JwksUrl) && string.IsNullOrEmpty(Jwks);
}
