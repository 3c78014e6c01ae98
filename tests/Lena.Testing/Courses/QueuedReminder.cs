using System.Text.Json;

namespace Lena.Testing;

/// <summary>One message of the <c>lena-reminders</c> queue as API.md names its fields.</summary>
public sealed record QueuedReminder(
    string ReminderId,
    string CourseId,
    string PatientId,
    string FollowUpId,
    string Test,
    string DueDate,
    string Kind,
    string Message,
    IReadOnlyList<string> Properties)
{
    /// <summary>API.md: <c>{ "reminderId", "courseId", "patientId", "followUpId", "test", "dueDate", "kind", "message" }</c>, and <c>careTeamId</c> (whose webhook gets it).</summary>
    public static readonly string[] ContractProperties = ["reminderId", "courseId", "patientId", "followUpId", "test", "dueDate", "kind", "message", "careTeamId"];

    public DateOnly Due => DateOnly.ParseExact(DueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static QueuedReminder Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidOperationException($"queue message without string \"{name}\": {json}");
        return new QueuedReminder(
            Text("reminderId"), Text("courseId"), Text("patientId"), Text("followUpId"), Text("test"), Text("dueDate"), Text("kind"), Text("message"),
            root.EnumerateObject().Select(p => p.Name).ToArray());
    }
}
