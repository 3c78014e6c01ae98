namespace Lena.CdsHooks.Tests.Security;

public sealed class AcceptedTokenTests
{
    [Fact]
    public async Task An_RS384_token_from_a_trusted_issuer_is_accepted()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["tenant"] = "hospital-a";

        var result = await harness.ValidateAsync(token);

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Failure);
        Assert.Equal(TestToken.Issuer, result.Token.Issuer);
        Assert.Equal(TestToken.ClientId, result.Token.Subject);
        Assert.Equal((string)token.Claims["jti"]!, result.Token.Jti);
        Assert.Equal(harness.Now.AddMinutes(5), result.Token.ExpiresAt);
        Assert.Equal("hospital-a", result.Token.Tenant);
    }

    [Fact]
    public async Task An_ES384_token_from_a_trusted_issuer_is_accepted()
    {
        using var harness = new ValidatorHarness();

        var result = await harness.ValidateAsync(TestToken.Es384(harness.Now));

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Token.Tenant);
    }

    [Fact]
    public async Task An_aud_array_containing_this_service_is_accepted()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["aud"] = new[] { "https://other.example.org/cds-services/x", TestToken.Audience };

        var result = await harness.ValidateAsync(token);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task A_token_from_an_issuer_with_an_inline_jwks_is_accepted_without_any_fetch()
    {
        using var harness = new ValidatorHarness(i =>
        {
            i.JwksUrl = null;
            i.Jwks = TestKeys.Jwks();
        });

        var result = await harness.ValidateAsync(harness.Token());

        Assert.True(result.IsValid, result.Message);
        Assert.Empty(harness.Endpoint.Requests);
    }

    [Fact]
    public async Task Clock_skew_within_the_allowance_is_tolerated()
    {
        using var harness = new ValidatorHarness();
        var token = new TestToken(harness.Now.AddSeconds(30));

        var result = await harness.ValidateAsync(token);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task Any_sub_is_accepted_when_the_issuer_configures_no_client_id()
    {
        using var harness = new ValidatorHarness(i => i.ClientId = null);
        var token = harness.Token();
        token.Claims["sub"] = "another-client";

        var result = await harness.ValidateAsync(token);

        Assert.True(result.IsValid, result.Message);
    }
}
