namespace Lena.Delivery;

/// <summary>
/// The signing secret's form, as the Standard Webhooks specification recommends: <c>whsec_</c>
/// followed by the Base64 of 24 to 64 random bytes (the receiver generates it and keeps a copy).
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;

    public const string Rule = "must be \"whsec_\" followed by the Base64 of 24 to 64 random bytes (e.g. \"whsec_\" + `openssl rand -base64 32`).";

    /// <summary>Null when the secret is usable; otherwise what is wrong with it (never the secret itself).</summary>
    public static string? Problem(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "is required: " + Rule;
        }

        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Rule;
        }

        var key = secret.AsSpan(Prefix.Length);
        var bytes = new byte[(key.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(key, bytes, out var length))
        {
            return "is not valid Base64 after \"whsec_\": " + Rule;
        }

        return length is < MinBytes or > MaxBytes
            ? $"decodes to {length} bytes; {Rule}"
            : null;
    }

    /// <summary>The key bytes an HMAC uses (the secret must have passed <see cref="Problem"/>).</summary>
    public static byte[] KeyBytes(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.FromBase64String(secret[Prefix.Length..]);
    }
}
