using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Lena.CdsHooks.Security.CdsJwtFailure;

namespace Lena.CdsHooks.Security;

/// <summary>
/// Checks the bearer token a CDS Client sends with each request (CDS Hooks 2.0, "Trusting CDS
/// Clients"): RS384/ES384 only, from a configured issuer, signed by a key in its JWKS, for this
/// service, short-lived, and used once. Every refusal names its own reason.
/// </summary>
public sealed class CdsHooksJwtValidator(CdsHooksAuthOptions options, IJwksSource keys, IJtiReplayGuard replay, TimeProvider clock)
{
    public const string Rs384 = "RS384";
    public const string Es384 = "ES384";

    /// <summary>Far above any real CDS Client token; a longer header is refused before it is decoded.</summary>
    private const int MaxTokenChars = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<CdsJwtValidation> ValidateAsync(string? authorizationHeader, string expectedAudience, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedAudience);
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return CdsJwtValidation.Fail(MissingToken, "This service requires an Authorization: Bearer token signed by a trusted CDS Client.");
        }

        var token = BearerToken(authorizationHeader);
        if (token is null)
        {
            return CdsJwtValidation.Fail(Malformed, "The Authorization header must be 'Bearer' followed by one JWT.");
        }

        using var segments = token.Length <= MaxTokenChars ? JwtSegments.TryRead(token) : null;
        if (segments is null)
        {
            return CdsJwtValidation.Fail(Malformed, "The bearer token is not a JWS in compact form (header.payload.signature, base64url JSON).");
        }

        // The algorithm decides everything after it, so it is settled before any key is looked up.
        if (CheckHeader(segments) is { } headerProblem)
        {
            return headerProblem;
        }

        var claims = segments.Payload;
        switch (JwtClaimValue.String(claims, "iss", out var issuerName))
        {
            case JwtClaimState.Absent:
                return CdsJwtValidation.ClaimMissing("iss");
            case JwtClaimState.WrongType:
                return CdsJwtValidation.Fail(Malformed, "The iss claim must be a string.");
        }

        var issuer = options.FindIssuer(issuerName);
        if (issuer is null)
        {
            return CdsJwtValidation.Fail(UntrustedIssuer, "The token's issuer is not a trusted CDS Client of this service.");
        }

        var signature = await VerifySignatureAsync(token, segments, issuer, cancellationToken).ConfigureAwait(false);
        if (signature is not null)
        {
            return signature;
        }

        return CheckClaims(claims, issuer, expectedAudience, out var verified)
            ?? (await replay.TryUseAsync(verified.Issuer, verified.Jti, verified.ExpiresAt + options.ClockSkew, cancellationToken).ConfigureAwait(false)
                ? CdsJwtValidation.Valid(verified)
                : CdsJwtValidation.Fail(Replayed, "This token (its jti) was already used; send a new token with each request."));
    }

    private static string? BearerToken(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 || token.Any(char.IsWhiteSpace) ? null : token;
    }

    private static CdsJwtValidation? CheckHeader(JwtSegments segments)
    {
        var header = segments.Header;
        if (JwtClaimValue.String(header, "alg", out var alg) != JwtClaimState.Present)
        {
            return CdsJwtValidation.Fail(Malformed, "The JWT header has no alg.");
        }

        if (alg is not (Rs384 or Es384))
        {
            return CdsJwtValidation.Fail(AlgorithmNotAllowed, $"The JWT must be signed with {Rs384} or {Es384}; other algorithms are refused.");
        }

        if (JwtClaimValue.String(header, "typ", out var typ) == JwtClaimState.WrongType
            || (header.TryGetProperty("typ", out _) && !string.Equals(typ, "JWT", StringComparison.OrdinalIgnoreCase)))
        {
            return CdsJwtValidation.Fail(Malformed, "The JWT header typ, when present, must be JWT.");
        }

        // RFC 7515 §4.1.11: a token whose critical extensions we do not implement must be refused.
        if (header.TryGetProperty("crit", out _))
        {
            return CdsJwtValidation.Fail(Malformed, "The JWT header has crit extensions; none are supported.");
        }

        if (JwtClaimValue.String(header, "kid", out _) != JwtClaimState.Present)
        {
            return CdsJwtValidation.Fail(Malformed, "The JWT header has no kid; it must name the signing key in the client's JWKS.");
        }

        return segments.HasSignature
            ? null
            : CdsJwtValidation.Fail(Malformed, "The JWT has no signature.");
    }

    private async Task<CdsJwtValidation?> VerifySignatureAsync(string token, JwtSegments segments, CdsTrustedIssuer issuer, CancellationToken cancellationToken)
    {
        var header = segments.Header;
        JwtClaimValue.String(header, "alg", out var alg);
        JwtClaimValue.String(header, "kid", out var kid);

        // A jku is never fetched: the keys come from configuration, and a differing jku is refused.
        if (header.TryGetProperty("jku", out _)
            && (JwtClaimValue.String(header, "jku", out var jku) != JwtClaimState.Present || string.IsNullOrEmpty(issuer.JwksUrl)
                || !string.Equals(jku, issuer.JwksUrl, StringComparison.Ordinal)))
        {
            return CdsJwtValidation.Fail(UnknownSigningKey, "The JWT header jku is not the JWKS URL configured for this issuer.");
        }

        var lookup = await keys.FindKeyAsync(issuer, kid, cancellationToken).ConfigureAwait(false);
        switch (lookup.Status)
        {
            case JwksLookupStatus.Unavailable:
                return CdsJwtValidation.Fail(JwksUnavailable, "The CDS Client's public keys (JWKS) could not be obtained; try again shortly.");
            case JwksLookupStatus.UnknownKey:
                return CdsJwtValidation.Fail(UnknownSigningKey, "The CDS Client's JWKS has no signing key with the token's kid.");
        }

        var key = lookup.Key!;
        if (!Fits(key, alg))
        {
            return CdsJwtValidation.Fail(UnknownSigningKey, $"The key named by the token's kid is not a key for {alg}.");
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return CdsJwtValidation.Fail(Malformed, "The bearer token is not a well-formed JWT.");
        }

        // Only the signature is left to the handler; every claim is checked below, each with its own reason.
        var result = await Handler.ValidateTokenAsync(parsed, SignatureOnly(key, alg)).ConfigureAwait(false);
        return result.IsValid
            ? null
            : CdsJwtValidation.Fail(InvalidSignature, "The token's signature does not verify with the CDS Client's key.");
    }

    private CdsJwtValidation? CheckClaims(System.Text.Json.JsonElement claims, CdsTrustedIssuer issuer, string expectedAudience, out CdsClientToken verified)
    {
        verified = null!;
        switch (JwtClaimValue.Audiences(claims, out var audiences))
        {
            case JwtClaimState.Absent:
                return CdsJwtValidation.ClaimMissing("aud");
            case JwtClaimState.WrongType:
                return CdsJwtValidation.Fail(Malformed, "The aud claim must be a string or an array of strings.");
        }

        if (!audiences.Contains(expectedAudience, StringComparer.Ordinal))
        {
            return CdsJwtValidation.Fail(WrongAudience, "The token's aud is not this service's URL.");
        }

        var expState = JwtClaimValue.Time(claims, "exp", out var expires);
        var iatState = JwtClaimValue.Time(claims, "iat", out var issuedAt);
        var jtiState = JwtClaimValue.String(claims, "jti", out var jti);
        var subState = JwtClaimValue.String(claims, "sub", out var subject);
        foreach (var (claim, state) in new[] { ("exp", expState), ("iat", iatState), ("jti", jtiState), ("sub", subState) })
        {
            if (state == JwtClaimState.Absent)
            {
                return CdsJwtValidation.ClaimMissing(claim);
            }

            if (state == JwtClaimState.WrongType)
            {
                return CdsJwtValidation.Fail(Malformed, $"The {claim} claim has the wrong type.");
            }
        }

        var now = clock.GetUtcNow();
        var skew = options.ClockSkew;
        // now - skew, not expires + skew: an exp at the end of the NumericDate range (year 9999) must not overflow.
        if (now - skew >= expires)
        {
            return CdsJwtValidation.Fail(Expired, "The token has expired.");
        }

        if (issuedAt > now + skew)
        {
            return CdsJwtValidation.Fail(IssuedInFuture, "The token's iat is in the future; check the client's clock.");
        }

        if (JwtClaimValue.Time(claims, "nbf", out var notBefore) == JwtClaimState.Present && notBefore > now + skew)
        {
            return CdsJwtValidation.Fail(IssuedInFuture, "The token's nbf is in the future; it is not valid yet.");
        }

        if (expires - issuedAt > options.MaxTokenLifetime + skew)
        {
            return CdsJwtValidation.Fail(LifetimeTooLong, $"The token lives longer than {options.MaxTokenLifetimeSeconds} seconds (exp - iat); issue short-lived tokens.");
        }

        if (issuer.ExpectedSubject is { } expectedSubject && !string.Equals(subject, expectedSubject, StringComparison.Ordinal))
        {
            return CdsJwtValidation.Fail(SubjectMismatch, "The token's sub is not the client id configured for this issuer.");
        }

        JwtClaimValue.String(claims, "tenant", out var tenant);
        verified = new CdsClientToken(issuer.Issuer, subject, jti, expires, tenant.Length == 0 ? null : tenant);
        return null;
    }

    /// <summary>An RS384 key must be RSA, an ES384 key EC on P-384; a key restricted to another alg does not fit.</summary>
    private static bool Fits(JsonWebKey key, string alg)
    {
        if (!string.IsNullOrEmpty(key.Alg) && !string.Equals(key.Alg, alg, StringComparison.Ordinal))
        {
            return false;
        }

        return alg == Rs384
            ? key.Kty == JsonWebAlgorithmsKeyTypes.RSA && !string.IsNullOrEmpty(key.N) && !string.IsNullOrEmpty(key.E)
            : key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == JsonWebKeyECTypes.P384;
    }

    private static TokenValidationParameters SignatureOnly(JsonWebKey key, string alg) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = [alg],
        RequireSignedTokens = true,
        TryAllIssuerSigningKeys = false,
        ValidateIssuerSigningKey = false,
        ValidateIssuer = false,
        ValidateAudience = false,
        RequireAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        ValidateTokenReplay = false,
    };
}
