using System.Security.Cryptography;
using LenaFunctions.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace LenaFunctions.Tests.Support;

/// <summary>
/// A Microsoft Entra tenant in miniature: an RSA signing key generated here, the OpenID metadata
/// that publishes it, and access tokens for the rule administration API, good or bad on purpose.
/// </summary>
public static class EntraTestTenant
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string Audience = "api://lena-functions-test";
    public const string ClientId = "66666666-7777-8888-9999-000000000000";
    public const string Role = "Rules.Publish";
    public const string Kid = "entra-test-1";

    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    private static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = Kid };

    /// <summary>Another key with the same kid: what an attacker would sign with.</summary>
    private static readonly RsaSecurityKey ForeignKey = new(RSA.Create(2048)) { KeyId = Kid };

    private static readonly JsonWebTokenHandler Handler = new();

    public static RuleAdminOptions Options(string audience = Audience + "," + ClientId) => new()
    {
        TenantId = TenantId,
        Audience = audience,
        RequiredRole = Role,
    };

    public static OpenIdConnectConfiguration Metadata()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(SigningKey);
        return configuration;
    }

    public static EntraTokenValidator Validator(RuleAdminOptions? options = null) =>
        new(options ?? Options(), new StaticConfigurationManager<OpenIdConnectConfiguration>(Metadata()));

    /// <summary>The check the rule functions run, configured for this tenant.</summary>
    public static RuleAdminAuthorization Authorization(RuleAdminOptions? options = null)
    {
        var settings = options ?? Options();
        return new RuleAdminAuthorization(Validator(settings), MsOptions.Create(settings), NullLogger<RuleAdminAuthorization>.Instance);
    }

    /// <summary>"Bearer …": by default a valid token for a pharmacist holding the app role, valid for an hour from now.</summary>
    public static string Bearer(
        string? issuer = null,
        string audience = Audience,
        string[]? roles = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        bool foreignKey = false,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var notBeforeValue = notBefore ?? now.AddMinutes(-5);
        var claims = new Dictionary<string, object>
        {
            ["tid"] = TenantId,
            ["oid"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["name"] = "Pharmacist Test",
        };
        if ((roles ?? [Role]) is { Length: > 0 } granted)
        {
            claims["roles"] = granted;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = notBeforeValue,
            NotBefore = notBeforeValue,
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(foreignKey ? ForeignKey : SigningKey, algorithm),
        };
        return "Bearer " + Handler.CreateToken(descriptor);
    }
}
