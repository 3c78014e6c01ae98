namespace Lena.Infra.Tests;

/// <summary>
/// The managed identity has exactly its five roles (four data-plane roles, and Key Vault Secrets User
/// on the one salt secret), each assignment named guid(scope, principal, role); the deploying
/// principal gets data roles only when asked, with whatever principal type azd reports.
/// </summary>
[Collection(SharedInfraBuild.Name)]
public class IdentityAndRoleTests(InfraBuild infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static readonly string[] AllRoles = [StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor, MonitoringMetricsPublisher, KeyVaultSecretsUser];

    private static readonly string[] StorageDataRoles = [StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor];

    private readonly CompiledTemplate template = infra.Template;

    private IReadOnlyList<ArmResource> Assignments => template.OfType("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void TheAppRunsAsOneUserAssignedIdentity()
    {
        template.SingleOfType("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.DoesNotContain(template.AllResources, r => (string?)r.Node["identity"]?["type"] is { } type
            && type.Contains("SystemAssigned", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheManagedIdentityHasExactlyItsFiveRoles()
    {
        var identityAssignments = Assignments.Where(a => !a.IsConditional).ToList();

        Assert.All(identityAssignments, a =>
        {
            var expectedPrincipal = a.Deployment == "keyvault" ? "[parameters('readerPrincipalId')]" : "[parameters('identityPrincipalId')]";
            Assert.Equal(expectedPrincipal, (string?)a.Properties?["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)a.Properties?["principalType"]);
        });
        Assert.Equal(AllRoles.Order(StringComparer.Ordinal), identityAssignments.Select(RoleOf).Order(StringComparer.Ordinal));

        // ...and that principal is the identity module's.
        var principal = (string?)template.Module("rbac").Properties?["parameters"]?["identityPrincipalId"]?["value"] ?? "";
        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", principal, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", principal, StringComparison.Ordinal);
        var reader = (string?)template.Module("keyvault").Properties?["parameters"]?["readerPrincipalId"]?["value"] ?? "";
        Assert.Equal(principal, reader);
    }

    [Fact]
    public void TheSaltSecretHasOneReaderTheAppIdentityAndTheVaultUsesRbacOnly()
    {
        var vault = template.SingleOfType("Microsoft.KeyVault/vaults");
        var secretReaders = Assignments.Where(a => ((string?)a.Node["scope"] ?? "").Contains("Microsoft.KeyVault", StringComparison.Ordinal)).ToList();

        Assert.True(SecurityTests.Bool(vault.Properties, "enableRbacAuthorization"));
        Assert.Null(vault.Properties?["accessPolicies"]);
        var reader = Assert.Single(secretReaders);
        Assert.Equal(KeyVaultSecretsUser, RoleOf(reader));
        Assert.Contains("'Microsoft.KeyVault/vaults/secrets'", (string?)reader.Node["scope"] ?? "", StringComparison.Ordinal);
        Assert.False(reader.IsConditional);
    }

    [Fact]
    public void StorageRolesAreScopedToTheAccountAndTheMetricsRoleToApplicationInsights()
    {
        foreach (var assignment in Assignments)
        {
            var scope = (string?)assignment.Node["scope"] ?? "";
            var expected = RoleOf(assignment) switch
            {
                MonitoringMetricsPublisher => "Microsoft.Insights/components",
                KeyVaultSecretsUser => "Microsoft.KeyVault/vaults/secrets",
                _ => "Microsoft.Storage/storageAccounts",
            };
            Assert.Contains(expected, scope, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryAssignmentIsNamedGuidOfScopePrincipalAndRole()
    {
        Assert.NotEmpty(Assignments);
        foreach (var assignment in Assignments)
        {
            var name = assignment.Resolved(assignment.Node["name"]);
            var scope = ((string?)assignment.Node["scope"] ?? "").Trim('[', ']');
            var principal = ((string?)assignment.Properties?["principalId"] ?? "").Trim('[', ']');

            Assert.Equal($"[guid({scope}, {principal}, '{RoleOf(assignment)}')]", name);
        }
    }

    [Fact]
    public void TheDeployerGetsTheStorageDataRolesOnlyWhenAsked()
    {
        var deployerAssignments = Assignments.Where(a => a.IsConditional).ToList();
        var parameters = template.Main["parameters"]?.AsObject();

        Assert.All(deployerAssignments, a =>
        {
            Assert.Equal("[parameters('deployerPrincipalId')]", (string?)a.Properties?["principalId"]);
            Assert.Contains("deployerPrincipalId", a.Resolved(a.Node["condition"]), StringComparison.Ordinal);
        });
        Assert.Equal(StorageDataRoles.Order(StringComparer.Ordinal), deployerAssignments.Select(RoleOf).Order(StringComparer.Ordinal));
        Assert.Equal(
            "[if(parameters('grantDeployerDataRoles'), createObject('value', parameters('principalId')), createObject('value', ''))]",
            template.Module("rbac").Properties?["parameters"]?["deployerPrincipalId"]?.ToString());
        Assert.False((bool?)parameters?["grantDeployerDataRoles"]?["defaultValue"]);
    }

    [Fact]
    public void TheDeployerPrincipalTypeComesFromAzdOrIsLeftToAzure()
    {
        var parameters = template.Main["parameters"]?.AsObject();
        var file = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")));

        // A user and a pipeline's service principal both deploy: no hard-coded 'User'.
        Assert.Equal("${AZURE_PRINCIPAL_TYPE}", (string?)file?["parameters"]?["principalType"]?["value"]);
        Assert.Equal("", (string?)parameters?["principalType"]?["defaultValue"]);
        Assert.Contains("ServicePrincipal", parameters?["principalType"]?["allowedValues"]?.AsArray().Select(v => (string?)v) ?? []);
        Assert.All(Assignments.Where(a => a.IsConditional), a =>
            Assert.Equal("[if(empty(parameters('deployerPrincipalType')), null(), parameters('deployerPrincipalType'))]", (string?)a.Properties?["principalType"]));
    }

    /// <summary>The built-in role GUID an assignment grants, read through the module's variables.</summary>
    private static string RoleOf(ArmResource assignment)
    {
        var roleDefinitionId = assignment.Resolved(assignment.Properties?["roleDefinitionId"]);
        var roles = AllRoles
            .Where(role => roleDefinitionId.Contains(role, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(roles.Count == 1, $"Unexpected role definition {roleDefinitionId}.");
        return roles[0];
    }
}
