using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Security;

/// <summary>
/// The decoded header and payload of a JWS compact token, read strictly (duplicate members refused)
/// so the claims checked are exactly the bytes the signature covers.
/// </summary>
internal sealed class JwtSegments : IDisposable
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    private JwtSegments(JsonDocument header, JsonDocument payload, bool hasSignature)
    {
        _header = header;
        _payload = payload;
        HasSignature = hasSignature;
    }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    public bool HasSignature { get; }

    /// <summary>The segments of <paramref name="token"/>, or null when it is not header.payload.signature with two JSON objects.</summary>
    public static JwtSegments? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return null;
        }

        var header = TryDecodeObject(parts[0]);
        if (header is null)
        {
            return null;
        }

        var payload = TryDecodeObject(parts[1]);
        if (payload is null)
        {
            header.Dispose();
            return null;
        }

        return new JwtSegments(header, payload, parts[2].Length > 0);
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }

    private static JsonDocument? TryDecodeObject(string segment)
    {
        try
        {
            var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(segment), Strict);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            return null;
        }
    }
}
