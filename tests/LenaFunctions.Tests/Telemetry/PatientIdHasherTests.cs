using LenaFunctions.Telemetry;
using Microsoft.Extensions.Configuration;

namespace LenaFunctions.Tests.Telemetry;

/// <summary>The salt must be a real secret: missing or an unresolved Key Vault reference, the app refuses to start hashing.</summary>
public class PatientIdHasherTests
{
    private static PatientIdHasher With(string? salt) => new(new ConfigurationBuilder()
        .AddInMemoryCollection([new KeyValuePair<string, string?>("Telemetry:PatientIdSalt", salt)])
        .Build());

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/telemetry-patient-id-salt/)")]
    public void RefusesAMissingSaltOrAnUnresolvedKeyVaultReference(string? salt)
    {
        Assert.Throws<InvalidOperationException>(() => With(salt));
    }

    [Fact]
    public void TheSameIdAndSaltGiveTheSamePseudonymAndAnotherSaltAnother()
    {
        var a = With("0f3c9a0e-5d1b-4b7e-9a43-2c1d7e8f9a10");

        Assert.Equal(a.Hash("pt-000123"), With("0f3c9a0e-5d1b-4b7e-9a43-2c1d7e8f9a10").Hash("pt-000123"));
        Assert.NotEqual(a.Hash("pt-000123"), With("another-salt").Hash("pt-000123"));
        Assert.DoesNotContain("000123", a.Hash("pt-000123"), StringComparison.Ordinal);
    }
}
