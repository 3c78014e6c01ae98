using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>
/// The telemetry salt is random, generated once, kept in Key Vault and referenced by the app: never
/// a value derived from names anyone can know, never an app setting holding the value, never output.
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class PatientIdSaltTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void TheAppSettingIsAKeyVaultReferenceResolvedWithTheAppIdentity()
    {
        var settings = template.AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var site = template.SingleOfType("Microsoft.Web/sites");
        var reference = (string?)template.ModuleTemplate("keyvault")["outputs"]?["saltReference"]?["value"] ?? "";

        Assert.Equal("[parameters('patientIdSaltReference')]", settings["Telemetry__PatientIdSalt"]);
        Assert.Contains("'keyvault'), '", template.ModuleParameterExpression("functionapp", "patientIdSaltReference"), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.saltReference.value]", template.ModuleParameterExpression("functionapp", "patientIdSaltReference"), StringComparison.Ordinal);
        // The latest version of the secret (no version segment), so the reference never goes stale.
        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)', reference('vault').vaultUri, parameters('saltSecretName'))]", reference);
        Assert.Equal("[parameters('identityId')]", (string?)site.Properties?["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void TheSaltIsRandomFromNewGuidAndNeverDerivedFromNames()
    {
        var seed = template.Main["parameters"]?["patientIdSaltSeed"];
        var mainText = template.Main.ToJsonString();

        Assert.Equal("securestring", (string?)seed?["type"]);
        Assert.Equal("[format('{0}{1}', newGuid(), newGuid())]", (string?)seed?["defaultValue"]);
        Assert.Equal("[parameters('patientIdSaltSeed')]", template.ModuleParameterExpression("keyvault", "saltValue"));
        Assert.Null(template.Main["parameters"]?["patientIdSalt"]);
        Assert.DoesNotContain("patient-id-salt')", mainText, StringComparison.Ordinal);
        Assert.DoesNotContain(template.Main["variables"]?.AsObject() ?? [], v => v.Key.Contains("salt", StringComparison.OrdinalIgnoreCase)
            && (v.Value?.ToJsonString() ?? "").Contains("uniqueString", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSecretIsWrittenOnlyOnTheFirstProvision()
    {
        var secret = template.SingleOfType("Microsoft.KeyVault/vaults/secrets");
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))?["parameters"];

        Assert.Equal("[parameters('storeSecret')]", (string?)secret.Node["condition"]);
        Assert.Equal("[parameters('saltValue')]", (string?)secret.Properties?["value"]);
        Assert.Equal("[not(parameters('patientIdSaltStored'))]", template.ModuleParameterExpression("keyvault", "storeSecret"));
        // azd keeps the output in the environment and passes it back on the next provision.
        Assert.Equal("bool", (string?)template.Main["outputs"]?["LENA_PATIENT_ID_SALT_STORED"]?["type"]);
        Assert.True((bool?)template.Main["outputs"]?["LENA_PATIENT_ID_SALT_STORED"]?["value"]);
        Assert.Equal("${LENA_PATIENT_ID_SALT_STORED=false}", (string?)parameters?["patientIdSaltStored"]?["value"]);
        Assert.Null(parameters?["patientIdSaltSeed"]);
    }

    [Fact]
    public void NoOutputCarriesTheSalt()
    {
        foreach (var (deployment, name, output) in template.Outputs())
        {
            var value = output?["value"]?.ToJsonString() ?? "";
            Assert.False(value.Contains("saltValue", StringComparison.Ordinal) || value.Contains("patientIdSaltSeed", StringComparison.Ordinal),
                $"Output {name} of {deployment} carries the salt.");
        }
    }
}
