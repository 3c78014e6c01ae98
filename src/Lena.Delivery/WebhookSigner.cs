using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lena.Delivery;

/// <summary>The three Standard Webhooks headers of one POST.</summary>
public sealed record WebhookSignatureHeaders(string Id, string Timestamp, string Signature)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
}

/// <summary>
/// Signs a webhook the Standard Webhooks way: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds of this attempt) and <c>webhook-signature</c> <c>v1,&lt;Base64 HMAC-SHA256 of
/// "id.timestamp.body" keyed with the secret's bytes&gt;</c>. The id and body stay the same on every
/// retry; the timestamp, and so the signature, are new. Written here rather than taken from the
/// StandardWebhooks package, which would bring the whole ASP.NET Core shared framework into the app
/// for one HMAC; the tests check it gives the package's signatures.
/// </summary>
public static class WebhookSigner
{
    public static WebhookSignatureHeaders Sign(string secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(id);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{seconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(WebhookSecret.KeyBytes(secret), signed);
        return new WebhookSignatureHeaders(id, seconds, "v1," + Convert.ToBase64String(mac));
    }
}
