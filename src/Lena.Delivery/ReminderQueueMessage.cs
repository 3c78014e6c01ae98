using System.Text.Json;
using Lena.Courses;

namespace Lena.Delivery;

/// <summary>
/// Reads one <c>lena-reminders</c> message (API.md: <c>reminderId</c>, <c>courseId</c>, <c>patientId</c>,
/// <c>followUpId</c>, <c>test</c>, <c>dueDate</c>, <c>kind</c>, <c>message</c>, and <c>careTeamId</c>,
/// <c>default</c> when absent) into a <see cref="ReminderDelivery"/>. The message itself, unchanged,
/// becomes the event's data.
/// </summary>
public static class ReminderQueueMessage
{
    /// <exception cref="FormatException">The message is not a reminder; retrying cannot help, so it ends in the poison queue.</exception>
    public static ReminderDelivery Parse(string text, DateTimeOffset queuedAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException("The reminder message is not JSON.", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The reminder message is not a JSON object.");
        }

        var careTeamId = Text(root, "careTeamId", required: false) ?? CareTeams.Default;
        if (!CareTeams.IsValid(careTeamId))
        {
            throw new FormatException("The reminder message's careTeamId is not a care team id.");
        }

        return new ReminderDelivery(
            Text(root, "reminderId", required: true)!,
            careTeamId,
            Text(root, "courseId", required: true)!,
            Text(root, "followUpId", required: true)!,
            Text(root, "kind", required: true)!,
            queuedAt,
            root);
    }

    private static string? Text(JsonElement root, string name, bool required)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        return required ? throw new FormatException($"The reminder message has no {name}.") : null;
    }
}
