using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Tests.Security;

/// <summary>Key pairs made once per test run (RSA 3072, ECDSA P-384) and the JWKS a CDS Client would publish for them.</summary>
internal static class TestKeys
{
    public const string RsaKid = "ehr-rsa-1";
    public const string EcKid = "ehr-ec-1";

    public static RSA Rsa { get; } = RSA.Create(3072);

    public static ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    /// <summary>A JWKS with the RSA key under <paramref name="rsaKid"/> and the EC key under <paramref name="ecKid"/> (a null kid leaves the key out).</summary>
    public static string Jwks(string? rsaKid = RsaKid, string? ecKid = EcKid)
    {
        var keys = new List<object>();
        if (rsaKid is not null)
        {
            var rsa = Rsa.ExportParameters(false);
            keys.Add(new { kty = "RSA", kid = rsaKid, use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(rsa.Modulus!), e = Base64UrlEncoder.Encode(rsa.Exponent!) });
        }

        if (ecKid is not null)
        {
            var ec = Ec.ExportParameters(false);
            keys.Add(new { kty = "EC", kid = ecKid, use = "sig", crv = "P-384", x = Base64UrlEncoder.Encode(ec.Q.X!), y = Base64UrlEncoder.Encode(ec.Q.Y!) });
        }

        return JsonSerializer.Serialize(new { keys });
    }

    /// <summary>The RSA public key as bytes, the "secret" of the classic HS256 key-confusion attack.</summary>
    public static byte[] RsaPublicKeyBytes() => Rsa.ExportSubjectPublicKeyInfo();
}
