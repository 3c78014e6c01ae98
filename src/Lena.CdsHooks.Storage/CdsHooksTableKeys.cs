using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lena.CdsHooks.Feedback;

namespace Lena.CdsHooks.Storage;

/// <summary>
/// Keys of the CDS Hooks tables. Row keys are hex SHA-256 digests, so caller-supplied values
/// (issuers, jtis, card ids) never appear in a key and every key is a valid table key:
/// <list type="bullet">
/// <item>tokens: <c>exp|{yyyyMMddHH}</c> (UTC hour the entry may go) / <c>sha256(issuer \n jti)</c>.</item>
/// <item>feedback: <c>{serviceId}|{yyyy-MM}</c> (UTC month of the outcome) / <c>sha256(canonical item)</c>.</item>
/// </list>
/// </summary>
internal static class CdsHooksTableKeys
{
    public const string ExpiryPrefix = "exp|";

    public static string TokenPartition(DateTimeOffset expiresAt) =>
        ExpiryPrefix + expiresAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string TokenRow(string issuer, string jti) => Sha256Hex(issuer + "\n" + jti);

    public static string FeedbackPartition(string serviceId, DateTimeOffset outcomeTimestamp)
    {
        // Service ids are ours (from the discovery document), but a key must never carry / \ # ? or control characters.
        if (serviceId.Length == 0 || serviceId.Length > 200 || serviceId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{serviceId}' cannot be part of a table key: use 1–200 characters without / \\ # ? | or control characters.", nameof(serviceId));
        }

        return serviceId + "|" + outcomeTimestamp.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    public static string FeedbackRow(CdsFeedbackItem item) => Sha256Hex(Canonical(item));

    /// <summary>
    /// One line per field, in a fixed order, with the timestamp in UTC and the suggestion ids
    /// sorted and deduplicated, so the same feedback sent again (in any JSON form) hashes the same.
    /// </summary>
    public static string Canonical(CdsFeedbackItem item)
    {
        var reason = item.OverrideReason?.Reason;
        return string.Join('\n',
            "card=" + item.Card,
            "outcome=" + item.Outcome.ToString(),
            "at=" + Timestamp(item.OutcomeTimestamp),
            "suggestions=" + string.Join(',', item.AcceptedSuggestions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            "reason=" + (reason is null ? string.Empty : reason.System + "|" + reason.Code),
            "comment=" + (item.OverrideReason?.UserComment ?? string.Empty));
    }

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
