using System.Text.Json;
using Azure.Data.Tables;
using Lena.Clinical.Contract;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;

namespace Lena.Storage.Courses;

/// <summary>Maps therapy states and timeline events to and from table entities (JSON where the value is a document).</summary>
internal static class CourseEventEntityMapper
{
    public static TableEntity ToStateEntity(CourseState state) => new(CourseTableKeys.CoursePartition(state.CourseId), CourseTableKeys.StateRow)
    {
        ["Therapy"] = JsonSerializer.Serialize(state.Therapy, LenaJson.Options),
        ["Events"] = state.Events,
    };

    public static CourseState ToState(TableEntity entity) => new(
        CourseTableKeys.CourseIdOf(entity.PartitionKey),
        JsonSerializer.Deserialize<CourseTherapy>(entity.GetString("Therapy"), LenaJson.Options)!,
        entity.GetInt32("Events") ?? 0)
    {
        ETag = entity.ETag.ToString(),
    };

    public static TableEntity ToEventEntity(string courseId, TimelineEvent e) => new(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.EventRow(e.Sequence))
    {
        ["Sequence"] = e.Sequence,
        ["Type"] = LenaJson.WireName(e.Type),
        ["On"] = CourseTableKeys.Date(e.On),
        ["RecordedAt"] = e.RecordedAt,
        ["RuleSetVersion"] = e.RuleSetVersion,
        ["Inputs"] = e.Inputs?.GetRawText(),
        ["Decision"] = e.Decision?.GetRawText(),
        ["FollowUpId"] = e.FollowUpId,
        ["Actor"] = e.Actor,
        ["Reason"] = e.Reason,
        ["Therapy"] = JsonSerializer.Serialize(e.Therapy, LenaJson.Options),
    };

    public static TimelineEvent ToEvent(TableEntity entity) => new()
    {
        Sequence = entity.GetInt32("Sequence") ?? 0,
        Type = JsonSerializer.Deserialize<TimelineEventType>("\"" + entity.GetString("Type") + "\"", LenaJson.Options),
        On = CourseTableKeys.ParseDate(entity.GetString("On")),
        RecordedAt = entity.GetDateTimeOffset("RecordedAt") ?? default,
        RuleSetVersion = entity.GetString("RuleSetVersion"),
        Inputs = Document(entity.GetString("Inputs")),
        Decision = Document(entity.GetString("Decision")),
        FollowUpId = entity.GetString("FollowUpId"),
        Actor = entity.GetString("Actor"),
        Reason = entity.GetString("Reason"),
        Therapy = JsonSerializer.Deserialize<CourseTherapy>(entity.GetString("Therapy"), LenaJson.Options)!,
    };

    /// <summary>"This follow-up's labs are event n": taken in the event's own transaction, so a follow-up is judged once.</summary>
    public static TableEntity ToFollowUpEventEntity(string courseId, string followUpId, int sequence) =>
        new(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.FollowUpEventRow(followUpId)) { ["Sequence"] = sequence };

    private static JsonElement? Document(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
