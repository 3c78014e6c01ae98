using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace LenaFunctions.Telemetry;

/// <summary>
/// Turns the opaque patient id into a salted HMAC for telemetry, so traces of one patient can be
/// correlated without the id itself (or a dictionary of ids) ever leaving the app.
/// </summary>
public sealed class PatientIdHasher
{
    private readonly byte[] _salt;

    public PatientIdHasher(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var salt = configuration["Telemetry:PatientIdSalt"];
        if (string.IsNullOrWhiteSpace(salt))
        {
            throw new InvalidOperationException("Telemetry__PatientIdSalt is not set: patient ids must be hashed with a salt in telemetry.");
        }

        // In Azure the setting is a Key Vault reference the platform resolves; unresolved (no access,
        // vault unreachable) the app would see the reference text itself, a salt anyone can read
        // in the template. Refuse it rather than hash with it.
        if (salt.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Telemetry__PatientIdSalt is an unresolved Key Vault reference: check the app identity's access to the vault (Key Vault Secrets User on the salt secret) and the vault's network access.");
        }

        _salt = Encoding.UTF8.GetBytes(salt);
    }

    public string? Hash(string? patientId) => patientId is null
        ? null
        : Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(patientId)))[..16];
}
