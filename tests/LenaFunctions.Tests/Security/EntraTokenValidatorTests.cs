using LenaFunctions.Security;
using LenaFunctions.Tests.Support;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using static LenaFunctions.Security.RuleAdminTokenFailure;

namespace LenaFunctions.Tests.Security;

/// <summary>Microsoft Entra access tokens for rule administration, signed with a key generated here: accepted or refused, each with its reason.</summary>
public class EntraTokenValidatorTests
{
    private static Task<RuleAdminTokenValidation> Validate(string? header, RuleAdminOptions? options = null) =>
        EntraTestTenant.Validator(options).ValidateAsync(header, CancellationToken.None);

    [Fact]
    public async Task AcceptsATokenOfTheTenantForThisApiWithTheAppRole()
    {
        var result = await Validate(EntraTestTenant.Bearer());

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task AcceptsAV2TokenWhoseAudienceIsTheClientIdAndAV1TokenFromStsWindowsNet()
    {
        Assert.True((await Validate(EntraTestTenant.Bearer(audience: EntraTestTenant.ClientId))).IsValid);
        Assert.True((await Validate(EntraTestTenant.Bearer(issuer: $"https://sts.windows.net/{EntraTestTenant.TenantId}/"))).IsValid);
    }

    public static TheoryData<string, string?, RuleAdminTokenFailure> Refused()
    {
        var now = DateTime.UtcNow;
        return new()
        {
            { "no header", null, MissingToken },
            { "not a bearer", "Basic dXNlcjpwYXNz", Malformed },
            { "not a JWT", "Bearer not-a-token", Malformed },
            { "wrong role", EntraTestTenant.Bearer(roles: ["Rules.Read"]), MissingRole },
            { "no roles at all", EntraTestTenant.Bearer(roles: []), MissingRole },
            { "wrong audience", EntraTestTenant.Bearer(audience: "api://some-other-api"), WrongAudience },
            { "expired", EntraTestTenant.Bearer(notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)), Expired },
            { "not yet valid", EntraTestTenant.Bearer(notBefore: now.AddMinutes(30), expires: now.AddHours(2)), NotYetValid },
            { "another tenant", EntraTestTenant.Bearer(issuer: "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0"), WrongIssuer },
            { "any issuer but Entra", EntraTestTenant.Bearer(issuer: "https://attacker.example/"), WrongIssuer },
            { "signed with a foreign key under the tenant's kid", EntraTestTenant.Bearer(foreignKey: true), InvalidSignature },
            { "RS384 instead of RS256", EntraTestTenant.Bearer(algorithm: SecurityAlgorithms.RsaSha384), AlgorithmNotAllowed },
            { "unsigned (alg none)", UnsignedCopyOf(EntraTestTenant.Bearer()), AlgorithmNotAllowed },
        };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusesWithItsReason(string description, string? header, RuleAdminTokenFailure expected)
    {
        var result = await Validate(header);

        Assert.False(result.IsValid, description);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public async Task ARoleNamedInConfigurationIsTheOneRequired()
    {
        var options = EntraTestTenant.Options();
        options.RequiredRole = "Rules.Admin";

        Assert.Equal(MissingRole, (await Validate(EntraTestTenant.Bearer(), options)).Failure);
        Assert.True((await Validate(EntraTestTenant.Bearer(roles: ["Rules.Admin"]), options)).IsValid);
    }

    [Fact]
    public async Task UnreachableSigningKeysAreNotTheCallersFault()
    {
        var validator = new EntraTokenValidator(EntraTestTenant.Options(), new UnreachableMetadata());

        var result = await validator.ValidateAsync(EntraTestTenant.Bearer(), CancellationToken.None);

        Assert.Equal(SigningKeysUnavailable, result.Failure);
    }

    [Fact]
    public void TheTenantsIssuersAndMetadataComeFromItsId()
    {
        var options = EntraTestTenant.Options();

        Assert.Equal([EntraTestTenant.Issuer, $"https://sts.windows.net/{EntraTestTenant.TenantId}/"], options.Issuers);
        Assert.Equal($"https://login.microsoftonline.com/{EntraTestTenant.TenantId}/v2.0/.well-known/openid-configuration", options.MetadataAddress);
        Assert.Equal([EntraTestTenant.Audience, EntraTestTenant.ClientId], options.Audiences);
    }

    /// <summary>The same header and claims with <c>alg: none</c> and no signature.</summary>
    private static string UnsignedCopyOf(string bearer)
    {
        var parts = bearer["Bearer ".Length..].Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"Bearer {header}.{parts[1]}.";
    }

    /// <summary>A metadata endpoint that never answers, as ConfigurationManager reports it.</summary>
    private sealed class UnreachableMetadata : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) =>
            throw new InvalidOperationException("IDX20803: Unable to obtain configuration.");

        public void RequestRefresh()
        {
        }
    }
}
