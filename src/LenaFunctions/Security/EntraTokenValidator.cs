using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using static LenaFunctions.Security.RuleAdminTokenFailure;

namespace LenaFunctions.Security;

/// <summary>
/// Checks a Microsoft Entra access token for rule administration, as the CDS Hooks path checks a
/// CDS client's JWT: RS256 only, signed by a key the tenant publishes (OpenID metadata → jwks_uri),
/// issued by the tenant, for this API, within its lifetime, and carrying the required app role.
/// </summary>
public sealed class EntraTokenValidator(RuleAdminOptions options, IConfigurationManager<OpenIdConnectConfiguration> metadata)
{
    /// <summary>Entra signs access tokens with RS256.</summary>
    public const string Rs256 = "RS256";

    /// <summary>Far above any real Entra access token; a longer header is refused before it is decoded.</summary>
    private const int MaxTokenChars = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Checks a token for rule administration: it must carry <see cref="RuleAdminOptions.RequiredRole"/>.</summary>
    public Task<RuleAdminTokenValidation> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken) =>
        ValidateAsync(authorizationHeader, [options.RequiredRole], cancellationToken);

    /// <summary>Checks a token that must carry at least one of <paramref name="acceptedRoles"/>.</summary>
    public async Task<RuleAdminTokenValidation> ValidateAsync(string? authorizationHeader, IReadOnlyCollection<string> acceptedRoles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptedRoles);
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return RuleAdminTokenValidation.Fail(MissingToken, "Rule administration requires an Authorization: Bearer access token from Microsoft Entra ID.");
        }

        var token = BearerToken(authorizationHeader);
        if (token is null || token.Length > MaxTokenChars || !Handler.CanReadToken(token))
        {
            return RuleAdminTokenValidation.Fail(Malformed, "The Authorization header must be 'Bearer' followed by one JWT access token.");
        }

        // The algorithm decides everything after it, so it is settled before any key is looked up.
        if (!string.Equals(Handler.ReadJsonWebToken(token).Alg, Rs256, StringComparison.Ordinal))
        {
            return RuleAdminTokenValidation.Fail(AlgorithmNotAllowed, $"The token must be signed with {Rs256}; other algorithms are refused.");
        }

        var result = await ValidateWithCurrentKeysAsync(token, cancellationToken).ConfigureAwait(false);
        if (result is { IsValid: false, Exception: SecurityTokenSignatureKeyNotFoundException })
        {
            // The tenant may have rotated its keys since they were fetched: refetch once, then decide.
            metadata.RequestRefresh();
            result = await ValidateWithCurrentKeysAsync(token, cancellationToken).ConfigureAwait(false);
        }

        if (result is null)
        {
            return RuleAdminTokenValidation.Fail(SigningKeysUnavailable, "The tenant's signing keys could not be obtained; try again shortly.");
        }

        if (!result.IsValid)
        {
            return Refusal(result.Exception);
        }

        var roles = result.ClaimsIdentity.FindAll("roles").Select(c => c.Value);
        return roles.Any(acceptedRoles.Contains)
            ? RuleAdminTokenValidation.Valid
            : RuleAdminTokenValidation.Fail(MissingRole, $"The token does not carry the app role {string.Join(" or ", acceptedRoles)}; ask an administrator to assign it.");
    }

    /// <summary>Null when the metadata or keys cannot be fetched.</summary>
    private async Task<TokenValidationResult?> ValidateWithCurrentKeysAsync(string token, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // ConfigurationManager's documented failure when no metadata was ever retrieved (IDX20803).
            return null;
        }

        return await Handler.ValidateTokenAsync(token, Parameters(configuration)).ConfigureAwait(false);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = options.Issuers,
        ValidAudiences = options.Audiences,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [Rs256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ClockSkew = options.ClockSkew,
        RoleClaimType = "roles",
    };

    /// <summary>The refusal for the validation failure the handler reports (it checks signature, then lifetime, audience, issuer).</summary>
    private static RuleAdminTokenValidation Refusal(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => RuleAdminTokenValidation.Fail(Expired, "The token has expired; sign in again."),
        SecurityTokenNotYetValidException => RuleAdminTokenValidation.Fail(NotYetValid, "The token is not valid yet (nbf); check the clock."),
        SecurityTokenInvalidAudienceException => RuleAdminTokenValidation.Fail(WrongAudience, "The token was not issued for this API (aud)."),
        SecurityTokenInvalidIssuerException => RuleAdminTokenValidation.Fail(WrongIssuer, "The token was not issued by this app's Microsoft Entra tenant (iss)."),
        SecurityTokenInvalidAlgorithmException => RuleAdminTokenValidation.Fail(AlgorithmNotAllowed, $"The token must be signed with {Rs256}; other algorithms are refused."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            RuleAdminTokenValidation.Fail(InvalidSignature, "The token's signature does not verify with the tenant's signing keys."),
        SecurityTokenMalformedException => RuleAdminTokenValidation.Fail(Malformed, "The bearer token is not a well-formed JWT."),
        _ => RuleAdminTokenValidation.Fail(Invalid, "The token is not valid for rule administration."),
    };

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
}
