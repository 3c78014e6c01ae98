using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Tests.Security;

/// <summary>
/// Builds a CDS Client token by hand (header, claims, signature), so tests can make the broken
/// ones too: alg none, HS256 with the public key as secret, RS256, tampered payloads, missing claims.
/// </summary>
internal sealed class TestToken
{
    public const string Issuer = "https://ehr.example.org";
    public const string ClientId = "lena-ehr-client";
    public const string Audience = "https://lena.example.org/api/cds-services/lena-monitoring";

    public TestToken(DateTimeOffset now)
    {
        Header["alg"] = "RS384";
        Header["typ"] = "JWT";
        Header["kid"] = TestKeys.RsaKid;
        Claims["iss"] = Issuer;
        Claims["sub"] = ClientId;
        Claims["aud"] = Audience;
        Claims["iat"] = now.ToUnixTimeSeconds();
        Claims["exp"] = now.AddMinutes(5).ToUnixTimeSeconds();
        Claims["jti"] = Guid.NewGuid().ToString();
    }

    public Dictionary<string, object?> Header { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Claims { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs with the header's alg: RS*/PS* with the test RSA key, ES384 with the EC key, HS* with <paramref name="secret"/>, none unsigned.</summary>
    public string Sign(byte[]? secret = null)
    {
        var signingInput = $"{Encode(Header)}.{Encode(Claims)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var alg = (string)Header["alg"]!;
        var signature = alg switch
        {
            "none" => [],
            "RS256" => TestKeys.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS384" => TestKeys.Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "PS384" => TestKeys.Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            "ES384" => TestKeys.Ec.SignData(data, HashAlgorithmName.SHA384),
            "HS256" => HMACSHA256.HashData(secret!, data),
            _ => throw new NotSupportedException(alg),
        };
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    public string Bearer(byte[]? secret = null) => "Bearer " + Sign(secret);

    public static TestToken Es384(DateTimeOffset now)
    {
        var token = new TestToken(now);
        token.Header["alg"] = "ES384";
        token.Header["kid"] = TestKeys.EcKid;
        return token;
    }

    private static string Encode(Dictionary<string, object?> members) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(members));
}
