namespace Lena.Infra.Tests;

/// <summary>The managed identity has exactly its four roles, each assignment named guid(scope, principal, role).</summary>
[Collection(SharedInfraBuild.Name)]
public class IdentityAndRoleTests(InfraBuild infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

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
    public void TheManagedIdentityHasExactlyTheFourRoles()
    {
        var identityAssignments = Assignments.Where(a => !a.IsConditional).ToList();

        Assert.All(identityAssignments, a =>
        {
            Assert.Equal("[parameters('identityPrincipalId')]", (string?)a.Properties?["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)a.Properties?["principalType"]);
        });
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor, MonitoringMetricsPublisher }.Order(StringComparer.Ordinal),
            identityAssignments.Select(RoleOf).Order(StringComparer.Ordinal));

        // ...and that principal is the identity module's.
        var principal = (string?)template.Module("rbac").Properties?["parameters"]?["identityPrincipalId"]?["value"] ?? "";
        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", principal, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", principal, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageRolesAreScopedToTheAccountAndTheMetricsRoleToApplicationInsights()
    {
        foreach (var assignment in Assignments)
        {
            var scope = (string?)assignment.Node["scope"] ?? "";
            var expected = RoleOf(assignment) == MonitoringMetricsPublisher
                ? "Microsoft.Insights/components"
                : "Microsoft.Storage/storageAccounts";
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
    public void TheDeployerOptionallyGetsOnlyTheStorageDataRoles()
    {
        var deployerAssignments = Assignments.Where(a => a.IsConditional).ToList();

        Assert.All(deployerAssignments, a =>
        {
            Assert.Equal("[parameters('deployerPrincipalId')]", (string?)a.Properties?["principalId"]);
            Assert.Contains("deployerPrincipalId", a.Resolved(a.Node["condition"]), StringComparison.Ordinal);
        });
        Assert.Equal(StorageDataRoles.Order(StringComparer.Ordinal), deployerAssignments.Select(RoleOf).Order(StringComparer.Ordinal));
        Assert.Equal("[parameters('principalId')]", (string?)template.Module("rbac").Properties?["parameters"]?["deployerPrincipalId"]?["value"]);
    }

    /// <summary>The built-in role GUID an assignment grants, read through the module's variables.</summary>
    private static string RoleOf(ArmResource assignment)
    {
        var roleDefinitionId = assignment.Resolved(assignment.Properties?["roleDefinitionId"]);
        var roles = new[] { StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor, MonitoringMetricsPublisher }
            .Where(role => roleDefinitionId.Contains(role, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(roles.Count == 1, $"Unexpected role definition {roleDefinitionId}.");
        return roles[0];
    }
}
