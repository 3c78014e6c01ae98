using Azure.Data.Tables;
using Lena.Courses;

namespace Lena.Storage.Courses;

/// <summary>Maps between table entities and records at the storage edge; the entity is not the model.</summary>
internal static class FollowUpEntityMapper
{
    /// <summary>The follow-up in its course's partition: the one copy, with its reminder state and claim.</summary>
    public static TableEntity ToEntity(FollowUpRecord record) => Fill(new TableEntity(CourseTableKeys.CoursePartition(record.CourseId), CourseTableKeys.FollowUpRow(record.FollowUpId)), record);

    /// <summary>A course's pointer on a day's agenda (the course id is also a property: rows of the earlier layout, keyed by follow-up, read the same).</summary>
    public static TableEntity ToAgendaEntity(string courseId, DateOnly agendaDate) =>
        new(CourseTableKeys.AgendaPartition(agendaDate), courseId) { ["CourseId"] = courseId };

    public static FollowUpRecord ToRecord(TableEntity entity) => new()
    {
        CourseId = entity.GetString("CourseId"),
        FollowUpId = entity.GetString("FollowUpId"),
        PatientId = entity.GetString("PatientId"),
        CareTeamId = entity.GetString("CareTeamId") ?? CareTeams.Default,
        Test = entity.GetString("Test"),
        DueDate = CourseTableKeys.ParseDate(entity.GetString("DueDate")),
        Reason = entity.GetString("Reason"),
        State = Enum.Parse<FollowUpState>(entity.GetString("State")),
        CompletedOn = entity.GetString("CompletedOn") is { } completed ? CourseTableKeys.ParseDate(completed) : null,
        UpcomingSentAt = entity.GetDateTimeOffset("UpcomingSentAt"),
        OverdueSent = entity.GetInt32("OverdueSent") ?? 0,
        LastOverdueSentAt = entity.GetDateTimeOffset("LastOverdueSentAt"),
        Remind = entity.GetBoolean("Remind") ?? true,
        ClaimId = ClaimOf(entity),
        ClaimedUntil = ClaimOf(entity) is null ? null : entity.GetDateTimeOffset("ClaimedUntil"),
        ETag = entity.ETag.ToString(),
    };

    /// <summary>
    /// Only the reminder state the sweep changes (claim, what was sent), for a <c>Merge</c> conditional on the row's ETag:
    /// the other fields are as stored, because the ETag is that of the row the record was read as. A merge cannot remove a
    /// property, so a released claim is written as an empty <c>ClaimId</c> (read as none); the sweep never clears a sent
    /// mark, so a null one is simply left out. A third of a whole row's properties: Azurite parses a batch's bodies in
    /// JavaScript, and a 4-row claim or confirmation costs it ≈ 1.9 instead of ≈ 3.0 ms (Scale RESULTS, fourth round, sweep).
    /// </summary>
    public static TableEntity ToReminderStateEntity(FollowUpRecord record)
    {
        var entity = new TableEntity(CourseTableKeys.CoursePartition(record.CourseId), CourseTableKeys.FollowUpRow(record.FollowUpId))
        {
            ["ClaimId"] = record.ClaimId ?? string.Empty,
            ["OverdueSent"] = record.OverdueSent,
        };
        if (record.ClaimId is not null)
        {
            entity["ClaimedUntil"] = record.ClaimedUntil;
        }

        if (record.UpcomingSentAt is { } upcoming)
        {
            entity["UpcomingSentAt"] = upcoming;
        }

        if (record.LastOverdueSentAt is { } overdue)
        {
            entity["LastOverdueSentAt"] = overdue;
        }

        return entity;
    }

    /// <summary>The open claim's id; an empty one is a claim released or confirmed by a merge.</summary>
    private static string? ClaimOf(TableEntity entity) => entity.GetString("ClaimId") is { Length: > 0 } claim ? claim : null;

    public static TableEntity ToCourseEntity(CourseRecord course) => new(CourseTableKeys.CoursePartition(course.CourseId), CourseTableKeys.CourseRow)
    {
        ["CourseId"] = course.CourseId,
        ["PatientId"] = course.PatientId,
        ["CareTeamId"] = course.CareTeamId,
        ["Indication"] = course.Indication,
        ["StartDate"] = CourseTableKeys.Date(course.StartDate),
        ["Status"] = course.Status.ToString(),
        ["StoppedOn"] = course.StoppedOn is { } stopped ? CourseTableKeys.Date(stopped) : null,
        ["StopReason"] = course.StopReason,
        ["RuleSetVersion"] = course.RuleSetVersion,
        ["SnapshotJson"] = course.SnapshotJson,
        ["CurrentDoseMg"] = course.CurrentDoseMg,
        ["PlannedThrough"] = CourseTableKeys.Date(course.PlannedThrough),
        ["CreatedAt"] = course.CreatedAt,
    };

    public static CourseRecord ToCourse(TableEntity entity) => new()
    {
        CourseId = entity.GetString("CourseId"),
        PatientId = entity.GetString("PatientId"),
        CareTeamId = entity.GetString("CareTeamId") ?? CareTeams.Default,
        Indication = entity.GetString("Indication"),
        StartDate = CourseTableKeys.ParseDate(entity.GetString("StartDate")),
        Status = Enum.Parse<CourseStatus>(entity.GetString("Status")),
        StoppedOn = entity.GetString("StoppedOn") is { } stopped ? CourseTableKeys.ParseDate(stopped) : null,
        StopReason = entity.GetString("StopReason"),
        RuleSetVersion = entity.GetString("RuleSetVersion"),
        SnapshotJson = entity.GetString("SnapshotJson"),
        CurrentDoseMg = entity.GetDouble("CurrentDoseMg"),
        PlannedThrough = CourseTableKeys.ParseDate(entity.GetString("PlannedThrough")),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        ETag = entity.ETag.ToString(),
    };

    private static TableEntity Fill(TableEntity entity, FollowUpRecord record)
    {
        entity["CourseId"] = record.CourseId;
        entity["FollowUpId"] = record.FollowUpId;
        entity["PatientId"] = record.PatientId;
        entity["CareTeamId"] = record.CareTeamId;
        entity["Test"] = record.Test;
        entity["DueDate"] = CourseTableKeys.Date(record.DueDate);
        entity["Reason"] = record.Reason;
        entity["State"] = record.State.ToString();
        entity["CompletedOn"] = record.CompletedOn is { } completed ? CourseTableKeys.Date(completed) : null;
        entity["UpcomingSentAt"] = record.UpcomingSentAt;
        entity["OverdueSent"] = record.OverdueSent;
        entity["LastOverdueSentAt"] = record.LastOverdueSentAt;
        entity["Remind"] = record.Remind;
        entity["ClaimId"] = record.ClaimId;
        entity["ClaimedUntil"] = record.ClaimedUntil;
        return entity;
    }
}
