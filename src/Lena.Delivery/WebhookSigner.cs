using System.Globalization;
using System.Text;
using StandardWebhooks;

namespace Lena.Delivery;

/// <summary>The three Standard Webhooks headers of one POST.</summary>
public sealed record WebhookSignatureHeaders(string Id, string Timestamp, string Signature)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
}

/// <summary>
/// Signs a webhook the Standard Webhooks way (StandardWebhooks package): <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c>
/// <c>v1,&lt;Base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret's bytes&gt;</c>.
/// The id and body stay the same on every retry; the timestamp, and so the signature, are new.
/// </summary>
public static class WebhookSigner
{
    public static WebhookSignatureHeaders Sign(string secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(id);
        var webhook = new StandardWebhook(secret);
        var signature = webhook.Sign(id, timestamp, Encoding.UTF8.GetString(body));
        return new WebhookSignatureHeaders(id, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature);
    }
}
