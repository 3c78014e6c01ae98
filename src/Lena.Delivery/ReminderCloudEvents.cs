using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Lena.Delivery;

/// <summary>
/// A reminder as a CloudEvents 1.0 event in structured JSON mode (<c>application/cloudevents+json</c>):
/// <c>id</c> = the reminder id, <c>type</c> = <c>org.lenafunctions.reminder.&lt;kind&gt;</c>,
/// <c>source</c> = <c>/care-teams/&lt;careTeamId&gt;/reminders</c>, <c>subject</c> =
/// <c>courses/&lt;courseId&gt;/follow-ups/&lt;followUpId&gt;</c> (opaque ids only: no direct identifier is
/// ever in an envelope a proxy might log), <c>time</c> = when it was queued, and the reminder as
/// <c>data</c> (<c>application/json</c>). The same reminder always encodes to the same bytes.
/// </summary>
public static class ReminderCloudEvents
{
    public const string TypePrefix = "org.lenafunctions.reminder.";
    public const string MediaType = "application/cloudevents+json; charset=utf-8";
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "upcoming", "overdue", "alert" };

    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent Create(ReminderDelivery reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (!Kinds.Contains(reminder.Kind))
        {
            throw new ArgumentException($"Unknown reminder kind '{reminder.Kind}'; expected upcoming, overdue or alert.", nameof(reminder));
        }

        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = reminder.ReminderId,
            Type = TypePrefix + reminder.Kind,
            Source = new Uri($"/care-teams/{Uri.EscapeDataString(reminder.CareTeamId)}/reminders", UriKind.Relative),
            Subject = $"courses/{Uri.EscapeDataString(reminder.CourseId)}/follow-ups/{Uri.EscapeDataString(reminder.FollowUpId)}",
            Time = reminder.IssuedAt.ToUniversalTime(),
            DataContentType = MediaTypeNames.Application.Json,
            Data = reminder.Data,
        };
    }

    /// <summary>The event as the bytes POSTed to the webhook.</summary>
    public static ReadOnlyMemory<byte> Encode(ReminderDelivery reminder) =>
        Formatter.EncodeStructuredModeMessage(Create(reminder), out _);
}
