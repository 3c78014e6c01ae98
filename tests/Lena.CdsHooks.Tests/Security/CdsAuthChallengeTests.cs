using Lena.CdsHooks.Security;

namespace Lena.CdsHooks.Tests.Security;

public sealed class CdsAuthChallengeTests
{
    [Theory]
    [InlineData(CdsJwtFailure.Malformed)]
    [InlineData(CdsJwtFailure.AlgorithmNotAllowed)]
    [InlineData(CdsJwtFailure.UntrustedIssuer)]
    [InlineData(CdsJwtFailure.UnknownSigningKey)]
    [InlineData(CdsJwtFailure.InvalidSignature)]
    [InlineData(CdsJwtFailure.WrongAudience)]
    [InlineData(CdsJwtFailure.Expired)]
    [InlineData(CdsJwtFailure.IssuedInFuture)]
    [InlineData(CdsJwtFailure.LifetimeTooLong)]
    [InlineData(CdsJwtFailure.MissingClaim)]
    [InlineData(CdsJwtFailure.SubjectMismatch)]
    [InlineData(CdsJwtFailure.Replayed)]
    public void A_refused_token_gets_401_with_an_invalid_token_challenge(CdsJwtFailure failure)
    {
        var challenge = CdsAuthChallenge.For(CdsJwtValidation.Fail(failure, "The token's \"aud\" – wrong."));

        Assert.Equal(401, challenge.Status);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The token's 'aud' ' wrong.\"", challenge.WwwAuthenticate);
        Assert.Equal("The token's \"aud\" – wrong.", challenge.Message);
    }

    [Fact]
    public void A_request_without_a_token_gets_a_bare_bearer_challenge()
    {
        var challenge = CdsAuthChallenge.For(CdsJwtValidation.Fail(CdsJwtFailure.MissingToken, "Token required."));

        Assert.Equal(401, challenge.Status);
        Assert.Equal("Bearer", challenge.WwwAuthenticate);
    }

    [Fact]
    public void Unavailable_client_keys_give_503_without_a_challenge()
    {
        var challenge = CdsAuthChallenge.For(CdsJwtValidation.Fail(CdsJwtFailure.JwksUnavailable, "Keys unavailable."));

        Assert.Equal(503, challenge.Status);
        Assert.Null(challenge.WwwAuthenticate);
        Assert.Equal("Keys unavailable.", challenge.Message);
    }

    [Fact]
    public void A_valid_token_has_no_challenge()
    {
        var valid = CdsJwtValidation.Valid(new CdsClientToken("iss", "sub", "jti", DateTimeOffset.UnixEpoch, null));

        Assert.Throws<ArgumentException>(() => CdsAuthChallenge.For(valid));
    }
}
