using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace LenaFunctions.Tests.Support;

/// <summary>An EHR's ES384 key pair, its JWKS, and tokens signed with it (a CDS Client in miniature).</summary>
public static class CdsClientKeys
{
    public const string Issuer = "https://ehr.test";
    public const string Kid = "ehr-test-1";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public static string Jwks()
    {
        var ec = Key.ExportParameters(false);
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", kid = Kid, use = "sig", crv = "P-384", x = Base64UrlEncoder.Encode(ec.Q.X!), y = Base64UrlEncoder.Encode(ec.Q.Y!) } } });
    }

    /// <summary>"Bearer …" for <paramref name="audience"/>, issued now and valid five minutes.</summary>
    public static string Bearer(string audience, DateTimeOffset now, string? jti = null, string alg = "ES384")
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = Kid };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = "ehr-client",
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
        };
        var input = $"{Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = alg == "none" ? [] : Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA384);
        return $"Bearer {input}.{Base64UrlEncoder.Encode(signature)}";
    }
}
