using Lena.CdsHooks.Security;
using Microsoft.Extensions.Configuration;

namespace Lena.CdsHooks.Tests.Security;

public sealed class CdsHooksAuthOptionsValidatorTests
{
    private static CdsHooksAuthOptions With(CdsTrustedIssuer issuer) => new() { TrustedIssuers = [issuer] };

    [Theory]
    [InlineData("https://ehr.example.org/jwks")]
    [InlineData("http://localhost:8080/jwks")]
    [InlineData("http://127.0.0.1:8080/jwks")]
    public void Https_urls_and_http_on_this_machine_are_allowed(string url) =>
        Assert.Empty(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i", JwksUrl = url })));

    [Theory]
    [InlineData("http://ehr.example.org/jwks")]
    [InlineData("ftp://ehr.example.org/jwks")]
    [InlineData("/jwks")]
    public void Other_jwks_urls_are_refused(string url) =>
        Assert.Contains(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i", JwksUrl = url })), p => p.Contains("CdsHooks__TrustedIssuers__0__JwksUrl", StringComparison.Ordinal));

    [Fact]
    public void An_issuer_needs_exactly_one_of_jwks_url_and_inline_jwks()
    {
        Assert.NotEmpty(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i" })));
        Assert.NotEmpty(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i", JwksUrl = "https://e/jwks", Jwks = TestKeys.Jwks() })));
        Assert.Empty(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i", Jwks = TestKeys.Jwks() })));
    }

    [Fact]
    public void An_inline_jwks_that_is_not_a_key_set_is_refused() =>
        Assert.NotEmpty(CdsHooksAuthOptionsValidator.Problems(With(new CdsTrustedIssuer { Issuer = "i", Jwks = "{\"keys\": []}" })));

    [Fact]
    public void The_flat_app_settings_bind_and_the_defaults_hold()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CdsHooks:ServiceBaseUrl"] = "https://lena.example.org/api/cds-services",
            ["CdsHooks:TrustedIssuers:0:Issuer"] = "https://ehr.example.org",
            ["CdsHooks:TrustedIssuers:0:JwksUrl"] = "https://ehr.example.org/jwks",
            ["CdsHooks:TrustedIssuers:0:ClientId"] = "lena",
        }).Build();

        var options = configuration.GetSection(CdsHooksAuthOptions.SectionName).Get<CdsHooksAuthOptions>()!;

        Assert.Equal(60, options.ClockSkewSeconds);
        Assert.Equal(300, options.MaxTokenLifetimeSeconds);
        Assert.Equal("lena", Assert.Single(options.TrustedIssuers).ExpectedSubject);
        Assert.Equal("https://lena.example.org/api/cds-services/lena-monitoring", options.AudienceFor("lena-monitoring"));
        Assert.True(new CdsHooksAuthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_misconfigured_section_fails_validation_naming_the_setting()
    {
        var options = With(new CdsTrustedIssuer { Issuer = "https://ehr.example.org", JwksUrl = "http://ehr.example.org/jwks" });

        var result = new CdsHooksAuthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("CdsHooks__TrustedIssuers__0__JwksUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_issuer_configured_twice_is_refused()
    {
        var options = new CdsHooksAuthOptions
        {
            TrustedIssuers =
            [
                new CdsTrustedIssuer { Issuer = "i", Jwks = TestKeys.Jwks() },
                new CdsTrustedIssuer { Issuer = "i", JwksUrl = "https://e/jwks" },
            ],
        };

        Assert.NotEmpty(CdsHooksAuthOptionsValidator.Problems(options));
    }
}
