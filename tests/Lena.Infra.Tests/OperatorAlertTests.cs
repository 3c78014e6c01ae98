using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>The operator's four alerts are in the compiled template, each with its query, and reach the action group.</summary>
[Collection(SharedInfraBuild.Name)]
public class OperatorAlertTests(InfraBuild infra)
{
    private readonly CompiledTemplate template = infra.Template;

    private JsonObject Alerts => template.ModuleTemplate("alerts");

    /// <summary>Alert name, the fragments its query must contain, its operator and threshold, and where it queries.</summary>
    public static TheoryData<string, string[], string, int, string> ExpectedAlerts() => new()
    {
        { "reminder-timer-silent", ["\"FollowUpReminders\"", "success == true", "Reminder sweep sent"], "LessThan", 1, "Microsoft.Insights/components" },
        { "http-5xx-rate", ["requests", "toint(resultCode) >= 500", "failed * 100 > total * 5"], "GreaterThan", 0, "Microsoft.Insights/components" },
        { "rule-cache-stale", ["customMetrics", "lena.rule_cache.events", "\"servedStale\""], "GreaterThan", 0, "Microsoft.Insights/components" },
        { "poison-queue-messages", ["StorageQueueLogs", "PutMessage", "-poison/messages"], "GreaterThan", 0, "Microsoft.OperationalInsights/workspaces" },
    };

    [Theory]
    [MemberData(nameof(ExpectedAlerts))]
    public void EachAlertHasItsQueryAndCondition(string name, string[] queryFragments, string comparison, int threshold, string scopeType)
    {
        var alert = (Alerts["variables"]?["alerts"]?.AsArray() ?? []).SingleOrDefault(a => (string?)a?["name"] == name);
        Assert.True(alert is not null, $"No alert {name}.");

        var queryText = QueryOf(alert["query"]);
        Assert.All(queryFragments, fragment => Assert.Contains(fragment, queryText, StringComparison.Ordinal));
        Assert.Equal(comparison, (string?)alert["operator"]);
        Assert.Equal(threshold, (int?)alert["threshold"]);
        Assert.Contains(scopeType, alert["scope"]?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimerAlertFiresAfterTwoSilentHoursByDefault()
    {
        Assert.Equal(2, (int?)Alerts["parameters"]?["reminderSilenceHours"]?["defaultValue"]);
        var timer = (Alerts["variables"]?["alerts"]?.AsArray() ?? []).Single(a => (string?)a?["name"] == "reminder-timer-silent");
        Assert.Equal("[format('PT{0}H', parameters('reminderSilenceHours'))]", (string?)timer?["windowSize"]);
    }

    [Fact]
    public void EveryAlertIsALogAlertThatNotifiesTheActionGroupWhenOneIsGiven()
    {
        var rules = template.SingleOfType("Microsoft.Insights/scheduledQueryRules");
        var group = template.SingleOfType("Microsoft.Insights/actionGroups");
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))?["parameters"];

        Assert.Equal("[length(variables('alerts'))]", rules.Node["copy"]?["count"]?.ToString());
        Assert.Equal("[variables('notify')]", (string?)group.Node["condition"]);
        Assert.Contains("resourceId('Microsoft.Insights/actionGroups'", rules.Properties?["actions"]?["actionGroups"]?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("Count", (string?)rules.Properties?["criteria"]?["allOf"]?[0]?["timeAggregation"]);
        Assert.Equal("${LENA_ALERT_EMAIL}", (string?)parameters?["alertEmail"]?["value"]);
    }

    [Fact]
    public void QueueOperationsReachLogAnalyticsForThePoisonQueueAlert()
    {
        var diagnostics = template.SingleOfType("Microsoft.Insights/diagnosticSettings");

        Assert.Contains("queueServices", (string?)diagnostics.Node["scope"] ?? "", StringComparison.Ordinal);
        Assert.Equal("[parameters('logAnalyticsWorkspaceId')]", (string?)diagnostics.Properties?["workspaceId"]);
        Assert.Contains(diagnostics.Properties?["logs"]?.AsArray() ?? [], l => (string?)l?["category"] == "StorageWrite" && (bool?)l?["enabled"] == true);
    }

    /// <summary>The KQL an alert runs: <c>[variables('queries').name]</c> looked up in the module's variables.</summary>
    private string QueryOf(JsonNode? expression)
    {
        const string prefix = "[variables('queries').";
        var text = (string?)expression ?? "";
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        var key = text[prefix.Length..^1];
        return (string?)Alerts["variables"]?["queries"]?[key] ?? throw new InvalidOperationException($"No query {key}.");
    }
}
