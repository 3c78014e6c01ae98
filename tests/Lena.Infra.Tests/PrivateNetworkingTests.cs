namespace Lena.Infra.Tests;

/// <summary>
/// LENA_VNET_ENABLED (on by default): the app joins a virtual network, storage and Key Vault are
/// reached through private endpoints with private DNS zones, and their public network access is off.
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class PrivateNetworkingTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    [Fact]
    public void PrivateNetworkingIsAnAzdOptionOnByDefault()
    {
        var parameters = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))?["parameters"];

        Assert.True((bool?)template.Main["parameters"]?["vnetEnabled"]?["defaultValue"]);
        Assert.Equal("${LENA_VNET_ENABLED=true}", (string?)parameters?["vnetEnabled"]?["value"]);
        Assert.Equal("[parameters('vnetEnabled')]", (string?)template.Module("network").Node["condition"]);
        Assert.Equal("[parameters('vnetEnabled')]", template.ModuleParameterExpression("storage", "privateNetworking"));
        Assert.Equal("[parameters('vnetEnabled')]", template.ModuleParameterExpression("keyvault", "privateNetworking"));
        Assert.StartsWith("[if(parameters('vnetEnabled'), createObject('value', reference(", template.Module("functionapp").Properties?["parameters"]?["virtualNetworkSubnetId"]?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]")]
    [InlineData("Microsoft.KeyVault/vaults", "[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]")]
    public void PublicNetworkAccessIsOffWithPrivateNetworking(string type, string expected)
    {
        var properties = template.SingleOfType(type).Properties;

        Assert.Equal(expected, (string?)properties?["publicNetworkAccess"]);
        Assert.Equal("[if(parameters('privateNetworking'), 'Deny', 'Allow')]", (string?)properties?["networkAcls"]?["defaultAction"]);
    }

    [Fact]
    public void BlobQueueTableAndVaultEachHaveAPrivateEndpointAndDnsZone()
    {
        var endpoints = template.ModuleTemplate("network")["variables"]?["endpoints"]?.AsArray() ?? [];
        var zones = endpoints.Select(e => (string?)e?["zone"]).ToList();

        Assert.Equal(["blob", "queue", "table", "vault"], endpoints.Select(e => (string?)e?["groupId"]));
        Assert.Equal(
            [
                "[format('privatelink.blob.{0}', environment().suffixes.storage)]",
                "[format('privatelink.queue.{0}', environment().suffixes.storage)]",
                "[format('privatelink.table.{0}', environment().suffixes.storage)]",
                "privatelink.vaultcore.azure.net",
            ],
            zones);
        foreach (var type in new[]
        {
            "Microsoft.Network/privateEndpoints",
            "Microsoft.Network/privateDnsZones",
            "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        })
        {
            var resource = template.SingleOfType(type);
            Assert.Contains("variables('endpoints')", resource.Node["copy"]?["count"]?.ToString() ?? "", StringComparison.Ordinal);
        }

        // The vault's endpoint targets Key Vault, the others the storage account.
        var target = (string?)template.SingleOfType("Microsoft.Network/privateEndpoints").Properties?["privateLinkServiceConnections"]?[0]?["properties"]?["privateLinkServiceId"] ?? "";
        Assert.StartsWith("[if(equals(variables('endpoints')[copyIndex()].groupId, 'vault'), resourceId('Microsoft.KeyVault/vaults'", target, StringComparison.Ordinal);
        Assert.Contains("resourceId('Microsoft.Storage/storageAccounts'", target, StringComparison.Ordinal);
    }
}
