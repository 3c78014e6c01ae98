using System.Net;
using Lena.CdsHooks.Security;

namespace Lena.CdsHooks.Tests.Security;

public sealed class RefusedTokenTests
{
    private static async Task<CdsJwtValidation> RefusedAsync(ValidatorHarness harness, string? authorization, CdsJwtFailure expected)
    {
        var result = await harness.ValidateAsync(authorization);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.Null(result.Token);
        // A real token (not the short junk of the malformed cases) must never come back in the message.
        var token = authorization?.Split(' ').Last();
        if (token is { Length: > 40 })
        {
            Assert.DoesNotContain(token, result.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[0], result.Message, StringComparison.Ordinal);
        }

        return result;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_request_without_a_token_is_refused_as_missing(string? authorization)
    {
        using var harness = new ValidatorHarness();
        await RefusedAsync(harness, authorization, CdsJwtFailure.MissingToken);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer a.b.c.d.e")]
    [InlineData("Bearer !!!.???.sig")]
    [InlineData("Bearer eyJhbGciOiJSUzM4NCJ9 .eyJpc3MiOiJ4In0.c2ln")]
    public async Task A_header_that_is_not_a_bearer_JWS_is_refused_as_malformed(string authorization)
    {
        using var harness = new ValidatorHarness();
        await RefusedAsync(harness, authorization, CdsJwtFailure.Malformed);
    }

    [Fact]
    public async Task A_token_with_alg_none_is_refused_before_any_key_lookup()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["alg"] = "none";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.AlgorithmNotAllowed);
        Assert.Empty(harness.Endpoint.Requests);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_public_key_bytes_is_refused_before_any_key_lookup()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["alg"] = "HS256";

        await RefusedAsync(harness, token.Bearer(TestKeys.RsaPublicKeyBytes()), CdsJwtFailure.AlgorithmNotAllowed);
        Assert.Empty(harness.Endpoint.Requests);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS384")]
    public async Task A_token_validly_signed_with_another_RSA_algorithm_is_refused(string alg)
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["alg"] = alg;

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("rs384")]
    [InlineData("ES512")]
    [InlineData("HS384")]
    public async Task Only_the_exact_names_RS384_and_ES384_are_allowed(string alg)
    {
        using var harness = new ValidatorHarness();
        var signed = harness.Token().Sign().Split('.');
        var forged = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(new { alg, typ = "JWT", kid = TestKeys.RsaKid }));

        await RefusedAsync(harness, $"Bearer {forged}.{signed[1]}.{signed[2]}", CdsJwtFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task A_typ_other_than_JWT_is_refused_as_malformed()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["typ"] = "at+jwt";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.Malformed);
    }

    [Fact]
    public async Task A_token_without_kid_is_refused_as_malformed()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header.Remove("kid");

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.Malformed);
    }

    [Fact]
    public async Task A_token_from_an_issuer_not_configured_is_refused_as_untrusted()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["iss"] = "https://evil.example.org";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.UntrustedIssuer);
        Assert.Empty(harness.Endpoint.Requests);
    }

    [Fact]
    public async Task A_kid_not_in_the_issuers_jwks_is_refused_as_unknown_key()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["kid"] = "rotated-away";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.UnknownSigningKey);
    }

    [Fact]
    public async Task A_kid_naming_a_key_of_the_wrong_type_is_refused_as_unknown_key()
    {
        using var harness = new ValidatorHarness();
        var token = TestToken.Es384(harness.Now);
        token.Header["kid"] = TestKeys.RsaKid;

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.UnknownSigningKey);
    }

    [Fact]
    public async Task A_payload_changed_after_signing_is_refused_as_invalid_signature()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        var signed = token.Sign().Split('.');
        token.Claims["sub"] = TestToken.ClientId;
        token.Claims["tenant"] = "someone-else";
        var tampered = token.Sign().Split('.')[1];

        await RefusedAsync(harness, $"Bearer {signed[0]}.{tampered}.{signed[2]}", CdsJwtFailure.InvalidSignature);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_trusted_kid_is_refused_as_invalid_signature()
    {
        using var harness = new ValidatorHarness();
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var token = TestToken.Es384(harness.Now);
        var parts = token.Sign().Split('.');
        var forged = other.SignData(System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), System.Security.Cryptography.HashAlgorithmName.SHA384);

        await RefusedAsync(harness, $"Bearer {parts[0]}.{parts[1]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(forged)}", CdsJwtFailure.InvalidSignature);
    }

    [Fact]
    public async Task A_token_for_another_service_is_refused_as_wrong_audience()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["aud"] = "https://lena.example.org/api/cds-services/other-service";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.WrongAudience);
    }

    [Fact]
    public async Task An_audience_differing_only_by_a_trailing_slash_is_refused()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["aud"] = new[] { TestToken.Audience + "/" };

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.WrongAudience);
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_expired()
    {
        using var harness = new ValidatorHarness();
        var token = new TestToken(harness.Now.AddMinutes(-10));

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.Expired);
    }

    [Fact]
    public async Task A_token_expired_by_more_than_the_skew_is_refused_and_one_within_it_is_not()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["exp"] = harness.Now.AddSeconds(-59).ToUnixTimeSeconds();
        Assert.True((await harness.ValidateAsync(token)).IsValid);

        token.Claims["jti"] = Guid.NewGuid().ToString();
        token.Claims["exp"] = harness.Now.AddSeconds(-60).ToUnixTimeSeconds();
        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.Expired);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused()
    {
        using var harness = new ValidatorHarness();
        var token = new TestToken(harness.Now.AddMinutes(2));

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.IssuedInFuture);
    }

    [Fact]
    public async Task A_token_living_longer_than_five_minutes_is_refused()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["exp"] = harness.Now.AddMinutes(10).ToUnixTimeSeconds();

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.LifetimeTooLong);
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("iss")]
    public async Task A_token_without_a_required_claim_is_refused_naming_the_claim(string claim)
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims.Remove(claim);

        var result = await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.MissingClaim);

        Assert.Equal(claim, result.MissingClaim);
        Assert.Contains(claim, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_of_the_wrong_type_is_refused_as_malformed()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["exp"] = "tomorrow";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.Malformed);
    }

    [Fact]
    public async Task A_sub_other_than_the_configured_client_id_is_refused()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["sub"] = "another-client";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.SubjectMismatch);
    }

    [Fact]
    public async Task The_same_token_sent_twice_is_refused_the_second_time_as_replayed()
    {
        using var harness = new ValidatorHarness();
        var bearer = harness.Token().Bearer();

        Assert.True((await harness.ValidateAsync(bearer)).IsValid);
        await RefusedAsync(harness, bearer, CdsJwtFailure.Replayed);
    }

    [Fact]
    public async Task A_refused_token_does_not_use_up_its_jti()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["aud"] = "https://elsewhere.example.org";
        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.WrongAudience);

        Assert.Equal(0, harness.Guard.Count);
    }

    [Fact]
    public async Task A_jku_pointing_elsewhere_is_refused_and_never_fetched()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["jku"] = "https://attacker.example.net/jwks.json";

        await RefusedAsync(harness, token.Bearer(), CdsJwtFailure.UnknownSigningKey);

        Assert.DoesNotContain(harness.Endpoint.Requests, r => r.Host == "attacker.example.net");
        Assert.Empty(harness.Endpoint.Requests);
    }

    [Fact]
    public async Task A_jku_equal_to_the_configured_jwks_url_is_accepted()
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Header["jku"] = ValidatorHarness.JwksUrl;

        var result = await harness.ValidateAsync(token);

        Assert.True(result.IsValid, result.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_jwks_endpoint_answering_with_an_error_and_no_cached_keys_gives_jwks_unavailable(HttpStatusCode status)
    {
        using var harness = new ValidatorHarness();
        harness.Endpoint.FailWith = status;

        await RefusedAsync(harness, harness.Token().Bearer(), CdsJwtFailure.JwksUnavailable);
    }

    [Fact]
    public async Task An_unreachable_jwks_endpoint_with_no_cached_keys_gives_jwks_unavailable()
    {
        using var harness = new ValidatorHarness();
        harness.Endpoint.Unreachable = true;

        await RefusedAsync(harness, harness.Token().Bearer(), CdsJwtFailure.JwksUnavailable);
    }

    [Fact]
    public async Task A_jwks_endpoint_serving_something_that_is_not_a_jwks_gives_jwks_unavailable()
    {
        using var harness = new ValidatorHarness();
        harness.Endpoint.Jwks = "<html>login</html>";

        await RefusedAsync(harness, harness.Token().Bearer(), CdsJwtFailure.JwksUnavailable);
    }

    [Theory]
    [InlineData(253402300799L, false)]
    [InlineData(253402300799L, true)]
    public async Task A_token_whose_exp_is_the_last_second_of_year_9999_is_refused_not_an_error(long exp, bool iatToo)
    {
        using var harness = new ValidatorHarness();
        var token = harness.Token();
        token.Claims["exp"] = exp;
        if (iatToo)
        {
            token.Claims["iat"] = exp;
        }

        await RefusedAsync(harness, token.Bearer(), iatToo ? CdsJwtFailure.IssuedInFuture : CdsJwtFailure.LifetimeTooLong);
    }
}
