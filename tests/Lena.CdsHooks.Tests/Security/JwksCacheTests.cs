using Lena.CdsHooks.Security;

namespace Lena.CdsHooks.Tests.Security;

public sealed class JwksCacheTests
{
    [Fact]
    public async Task The_jwks_url_is_fetched_once_and_then_served_from_the_cache()
    {
        using var harness = new ValidatorHarness();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);
            Assert.True((await harness.ValidateAsync(TestToken.Es384(harness.Now))).IsValid);
            harness.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal([new Uri(ValidatorHarness.JwksUrl)], harness.Endpoint.Requests);
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_the_cache_duration()
    {
        using var harness = new ValidatorHarness();
        Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);

        harness.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);

        Assert.Equal(2, harness.Endpoint.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_kid_triggers_one_refetch_and_further_unknown_kids_are_rate_limited()
    {
        using var harness = new ValidatorHarness();
        Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);
        harness.Clock.Advance(TimeSpan.FromSeconds(31));

        for (var i = 0; i < 10; i++)
        {
            var token = harness.Token();
            token.Header["kid"] = $"invented-{i}";
            Assert.Equal(CdsJwtFailure.UnknownSigningKey, (await harness.ValidateAsync(token)).Failure);
        }

        // The first unknown kid refetched; the nine after it, within 30 s, did not.
        Assert.Equal(2, harness.Endpoint.Requests.Count);

        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        var later = harness.Token();
        later.Header["kid"] = "invented-later";
        Assert.Equal(CdsJwtFailure.UnknownSigningKey, (await harness.ValidateAsync(later)).Failure);
        Assert.Equal(3, harness.Endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_rotated_key_is_found_by_the_refetch_its_unknown_kid_triggers()
    {
        using var harness = new ValidatorHarness();
        harness.Endpoint.Jwks = TestKeys.Jwks(rsaKid: "old-rsa");
        var old = harness.Token();
        old.Header["kid"] = "old-rsa";
        Assert.True((await harness.ValidateAsync(old)).IsValid);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        harness.Endpoint.Jwks = TestKeys.Jwks(rsaKid: "new-rsa");
        var rotated = harness.Token();
        rotated.Header["kid"] = "new-rsa";

        var result = await harness.ValidateAsync(rotated);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(2, harness.Endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_jwks_endpoint_that_is_down_is_not_asked_again_within_the_refresh_interval()
    {
        using var harness = new ValidatorHarness();
        harness.Endpoint.Unreachable = true;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(CdsJwtFailure.JwksUnavailable, (await harness.ValidateAsync(harness.Token())).Failure);
        }

        Assert.Single(harness.Endpoint.Requests);

        harness.Endpoint.Unreachable = false;
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);
    }

    [Fact]
    public async Task Cached_keys_are_still_used_when_a_later_fetch_fails()
    {
        using var harness = new ValidatorHarness();
        Assert.True((await harness.ValidateAsync(harness.Token())).IsValid);

        harness.Endpoint.Unreachable = true;
        harness.Clock.Advance(TimeSpan.FromMinutes(61));

        var result = await harness.ValidateAsync(harness.Token());

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(2, harness.Endpoint.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_requests_for_a_cold_cache_fetch_the_jwks_once()
    {
        using var harness = new ValidatorHarness();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => harness.ValidateAsync(harness.Token())));

        Assert.All(results, r => Assert.True(r.IsValid, r.Message));
        Assert.Single(harness.Endpoint.Requests);
    }
}
