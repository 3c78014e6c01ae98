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

        _salt = Encoding.UTF8.GetBytes(salt);
    }

    public string? Hash(string? patientId) => patientId is null
        ? null
        : Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(patientId)))[..16];
}
