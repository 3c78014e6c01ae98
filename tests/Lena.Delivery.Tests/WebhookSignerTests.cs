using System.Security.Cryptography;
using System.Text;
using Lena.Testing;

namespace Lena.Delivery.Tests;

public class WebhookSignerTests
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void SignatureVerifiesWithAVerifierWrittenFromTheSpecification()
    {
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"c1:f1:upcoming"}""");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var headers = WebhookSigner.Sign(Secret, "c1:f1:upcoming", now, body);

        Assert.Equal("c1:f1:upcoming", headers.Id);
        Assert.Equal("1800000000", headers.Timestamp);
        Assert.StartsWith("v1,", headers.Signature, StringComparison.Ordinal);
        Assert.Null(StandardWebhooksVerifier.Problem(Secret, headers.Id, headers.Timestamp, headers.Signature, body, now));
    }

    [Theory]
    [InlineData("c1:f1:upcoming", 1_800_000_000L, """{"specversion":"1.0"}""")]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330L, """{"test": 2432232314}""")]
    [InlineData("x", 0L, "")]
    public void SignaturesAreTheSameAsTheStandardWebhooksPackages(string id, long seconds, string body)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);

        var ours = WebhookSigner.Sign(Secret, id, at, Encoding.UTF8.GetBytes(body));

        Assert.Equal(new StandardWebhooks.StandardWebhook(Secret).Sign(id, at, body), ours.Signature);
    }

    [Fact]
    public void SignatureIsTheHmacSha256OfIdTimestampAndBodyKeyedWithTheSecretsBytes()
    {
        var body = Encoding.UTF8.GetBytes("""{"a":1}""");
        var headers = WebhookSigner.Sign(Secret, "msg_1", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), body);

        var expected = HMACSHA256.HashData(WebhookSecret.KeyBytes(Secret), Encoding.UTF8.GetBytes("msg_1.1700000000.{\"a\":1}"));
        Assert.Equal("v1," + Convert.ToBase64String(expected), headers.Signature);
    }

    [Theory]
    [InlineData("body")]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("secret")]
    public void AnythingChangedAfterSigningFailsVerification(string changed)
    {
        var body = Encoding.UTF8.GetBytes("""{"kind":"overdue"}""");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var headers = WebhookSigner.Sign(Secret, "id-1", now, body);
        var otherSecret = "whsec_" + Convert.ToBase64String(new byte[32]);

        var problem = changed switch
        {
            "body" => StandardWebhooksVerifier.Problem(Secret, headers.Id, headers.Timestamp, headers.Signature, Encoding.UTF8.GetBytes("""{"kind":"upcoming"}"""), now),
            "id" => StandardWebhooksVerifier.Problem(Secret, "id-2", headers.Timestamp, headers.Signature, body, now),
            "timestamp" => StandardWebhooksVerifier.Problem(Secret, headers.Id, "1800000001", headers.Signature, body, now),
            _ => StandardWebhooksVerifier.Problem(otherSecret, headers.Id, headers.Timestamp, headers.Signature, body, now),
        };

        Assert.Equal("no v1 signature matches", problem);
    }

    [Fact]
    public void AnOldTimestampIsRefusedByTheVerifierAsAReplay()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var sent = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var headers = WebhookSigner.Sign(Secret, "id-1", sent, body);

        Assert.Equal("webhook-timestamp is outside the tolerance", StandardWebhooksVerifier.Problem(Secret, headers.Id, headers.Timestamp, headers.Signature, body, sent.AddMinutes(6)));
    }

    [Fact]
    public void TheVerifierAcceptsAnyMatchingSignatureOfASpaceSeparatedList()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var headers = WebhookSigner.Sign(Secret, "id-1", now, body);

        Assert.Null(StandardWebhooksVerifier.Problem(Secret, headers.Id, headers.Timestamp, "v1,AAAA v2,xyz " + headers.Signature, body, now));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0", "must be \"whsec_\"")]
    [InlineData("whsec_not base64!", "is not valid Base64")]
    [InlineData("whsec_c2hvcnQ=", "decodes to 5 bytes")]
    public void SecretsOutsideTheSpecificationsFormAreRefusedWithTheReason(string? secret, string expected)
    {
        Assert.Contains(expected, WebhookSecret.Problem(secret), StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretOf24To64RandomBytesIsAccepted()
    {
        Assert.Null(WebhookSecret.Problem("whsec_" + Convert.ToBase64String(new byte[24])));
        Assert.Null(WebhookSecret.Problem("whsec_" + Convert.ToBase64String(new byte[64])));
        Assert.NotNull(WebhookSecret.Problem("whsec_" + Convert.ToBase64String(new byte[65])));
    }

    [Fact]
    public void ARegistrationsTextNeverShowsTheSecret()
    {
        var registration = new WebhookRegistration("team-a", new Uri("https://notify.example.org/hook"), Secret, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(Secret[6..], registration.ToString(), StringComparison.Ordinal);
        Assert.Contains("not shown", registration.ToString(), StringComparison.Ordinal);
    }
}
