using System.Text.Json;

namespace Lena.Delivery;

/// <summary>
/// One reminder to deliver: the fields the event's envelope is built from, and the reminder itself
/// (the <c>lena-reminders</c> message, API.md) as the event's data. <see cref="IssuedAt"/> is when the
/// reminder was queued (the queue message's insertion time), so every retry of it builds the same bytes.
/// </summary>
public sealed record ReminderDelivery(
    string ReminderId,
    string CareTeamId,
    string CourseId,
    string FollowUpId,
    string Kind,
    DateTimeOffset IssuedAt,
    JsonElement Data);
