using System.Security.Cryptography;
using System.Text;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// Deterministic card and suggestion ids: the same advice for the same patient and draft order
/// gets the same uuid from order-select and order-sign, so an EHR replaces a card instead of
/// showing it twice. Built from a SHA-256 of the parts, formatted as an RFC 9562 version 8 UUID.
/// </summary>
public static class CardUuid
{
    public static string For(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
