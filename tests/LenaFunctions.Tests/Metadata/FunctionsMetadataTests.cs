using System.Text.Json;

namespace LenaFunctions.Tests.Metadata;

/// <summary>
/// The built app's <c>functions.metadata</c> (what the host indexes) against API.md's table:
/// every function's name, trigger, route, methods and authorization level. The test project's
/// build copies the file from the referenced app's output folder next to the test assembly.
/// </summary>
public class FunctionsMetadataTests
{
    /// <summary>API.md's functions.</summary>
    public static readonly IReadOnlyList<ExpectedFunction> Expected =
    [
        ExpectedFunction.Http("Dosing", "post", "dosing", "Function"),
        ExpectedFunction.Http("MonitoringSchedule", "post", "monitoring-schedule", "Function"),
        ExpectedFunction.Http("VteProphylaxis", "post", "vte-prophylaxis", "Function"),
        ExpectedFunction.Http("Contraindications", "post", "contraindications", "Function"),
        ExpectedFunction.Http("Assessment", "post", "assessments", "Anonymous"),
        ExpectedFunction.Http("GetActiveRules", "get", "rules", "Anonymous"),
        ExpectedFunction.Http("ListRuleVersions", "get", "rules/versions", "Anonymous"),
        ExpectedFunction.Http("GetRuleVersion", "get", "rules/versions/{version}", "Anonymous"),
        ExpectedFunction.Http("PublishRuleVersion", "post", "rules/versions", "Anonymous"),
        ExpectedFunction.Http("ActivateRuleVersion", "put", "rules/active", "Anonymous"),
        ExpectedFunction.Http("ListRuleAudit", "get", "rules/audit", "Anonymous"),
        ExpectedFunction.Http("RuleWhatIf", "post", "rules/what-if", "Anonymous"),
        ExpectedFunction.Http("Health", "get", "health", "Anonymous"),
        ExpectedFunction.Http("OpenApi", "get", "openapi.json", "Anonymous"),
        ExpectedFunction.Http("OpenApiExample", "get", "openapi/examples/{id}", "Anonymous"),
        ExpectedFunction.Http("WorkbenchPage", "get", "workbench/{*asset}", "Anonymous"),
        ExpectedFunction.Http("EnrollCourse", "post", "courses", "Function"),
        ExpectedFunction.Http("RecordLabs", "post", "courses/{courseId}/labs", "Function"),
        ExpectedFunction.Http("ChangeDose", "post", "courses/{courseId}/dose-changes", "Function"),
        ExpectedFunction.Http("GetTimeline", "get", "courses/{courseId}/timeline", "Function"),
        ExpectedFunction.Http("GetWorklist", "get", "worklist", "Function"),
        ExpectedFunction.Http("GetCourse", "get", "courses/{courseId}", "Function"),
        ExpectedFunction.Http("ListFollowUps", "get", "courses/{courseId}/follow-ups", "Function"),
        ExpectedFunction.Http("CompleteFollowUp", "post", "courses/{courseId}/follow-ups/{followUpId}/complete", "Function"),
        ExpectedFunction.Http("StopCourse", "post", "courses/{courseId}/stop", "Function"),
        ExpectedFunction.Http("CdsDiscovery", "get", "cds-services", "Function"),
        ExpectedFunction.Http("CdsService", "post", "cds-services/{id}", "Function"),
        ExpectedFunction.Http("CdsFeedback", "post", "cds-services/{id}/feedback", "Function"),
        new ExpectedFunction("FollowUpReminders", "timerTrigger"),
        new ExpectedFunction("CdsTokenPurge", "timerTrigger"),
        ExpectedFunction.Http("PutCareTeamWebhook", "put", "care-teams/{careTeamId}/webhook", "Function"),
        ExpectedFunction.Http("DeleteCareTeamWebhook", "delete", "care-teams/{careTeamId}/webhook", "Function"),
        new ExpectedFunction("DeliverReminders", "queueTrigger"),
        ExpectedFunction.Http("Fallback", "*", "{*path}", "Anonymous"),
    ];

    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    public static TheoryData<string> ExpectedNames() => new(Expected.Select(f => f.Name));

    [Fact]
    public void DeliverRemindersReadsTheReminderQueueNamedByItsSettingOverTheQueuesConnection()
    {
        var function = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == "DeliverReminders");
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "queueTrigger");

        Assert.Equal("%Lena__ReminderQueue%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("Queues", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void TheAppHasExactlyTheFunctionsOfTheContract()
    {
        var names = Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Select(f => f.Name).Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(ExpectedNames))]
    public void TheFunctionHasTheContractsTriggerRouteMethodsAndAuthorizationLevel(string name)
    {
        var expected = Expected.Single(f => f.Name == name);
        var function = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == name);

        var bindings = function.GetProperty("bindings").EnumerateArray().ToArray();
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.Equal(expected.Trigger, trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal(expected.Route, Optional(trigger, "route"));
        Assert.Equal(expected.AuthLevel, Optional(trigger, "authLevel"));
        if (expected.Methods is null)
        {
            return;
        }

        // An HTTP trigger without methods answers every method; a listed set must match the contract exactly.
        var methods = trigger.TryGetProperty("methods", out var listed) && listed.ValueKind == JsonValueKind.Array
            ? listed.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray()
            : ExpectedFunction.AllMethods.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Methods.Order(StringComparer.Ordinal), methods);
        Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Theory]
    [InlineData("FollowUpReminders", "%FollowUpReminders__Schedule%")]
    [InlineData("CdsTokenPurge", "%CdsHooks__TokenPurgeSchedule%")]
    public void TimersTakeTheirScheduleFromAnAppSettingAndDoNotRunOnStartup(string name, string schedule)
    {
        var function = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == name);
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path),
            $"{path} is missing: the test project's CopyLenaFunctionsMetadata build step copies it from the LenaFunctions output folder, where the Functions Worker SDK generates it at build.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
