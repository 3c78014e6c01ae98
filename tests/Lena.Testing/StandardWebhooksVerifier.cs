using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lena.Testing;

/// <summary>
/// A verifier written from the Standard Webhooks specification (standardwebhooks.com, "Verifying
/// webhook authenticity"), independent of the StandardWebhooks package the app signs with:
/// signed content <c>{webhook-id}.{webhook-timestamp}.{body}</c>; key = Base64-decoded secret after
/// <c>whsec_</c>; HMAC-SHA256; <c>webhook-signature</c> a space-separated list of
/// <c>v1,&lt;Base64&gt;</c> of which one must match (compared in constant time); a timestamp more than
/// the tolerance (5 minutes) away from now is refused, against replays.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when authentic; otherwise why not.</summary>
    public static string? Problem(string secret, string? id, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "webhook-timestamp is not Unix seconds";
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sent < now - Tolerance || sent > now + Tolerance)
        {
            return "webhook-timestamp is outside the tolerance";
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(key, signed);

        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || candidate[..comma] != "v1")
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromBase64String(candidate[(comma + 1)..]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return null;
            }
        }

        return "no v1 signature matches";
    }
}
