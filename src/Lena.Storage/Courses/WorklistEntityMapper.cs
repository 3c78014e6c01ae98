using System.Text.Json;
using Azure.Data.Tables;
using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Courses.Worklist;

namespace Lena.Storage.Courses;

/// <summary>
/// A worklist row: one course's follow-ups due on one day, for its care team (<c>work|{team}</c> /
/// <c>{yyyy-MM-dd}|{courseId}</c>), the items as JSON (a handful, far below a property's 64 KB) in follow-up order, and
/// whether any of them is still chased (<c>Open</c>: the due and overdue lists filter on it in storage).
/// </summary>
internal static class WorklistEntityMapper
{
    public static TableEntity ToEntity(string careTeamId, DateOnly dueDate, string courseId, string patientId, IEnumerable<WorklistItem> items)
    {
        var sorted = items.OrderBy(i => i.FollowUpId, StringComparer.Ordinal).ToArray();
        return new(CourseTableKeys.WorklistPartition(careTeamId), CourseTableKeys.WorklistRow(dueDate, courseId))
        {
            ["CourseId"] = courseId,
            ["PatientId"] = patientId,
            ["Open"] = sorted.Any(IsOpen),
            ["Items"] = JsonSerializer.Serialize(sorted.Select(Stored.Of).ToArray(), LenaJson.Options),
        };
    }

    /// <summary>On the due and overdue lists: not done, and its course not stopped after it was due.</summary>
    public static bool IsOpen(WorklistItem item) => item is { State: FollowUpState.Pending, CourseStopped: false };

    public static List<WorklistItem> ToItems(TableEntity entity)
    {
        var courseId = entity.GetString("CourseId");
        var patientId = entity.GetString("PatientId");
        return JsonSerializer.Deserialize<Stored[]>(entity.GetString("Items") ?? "[]", LenaJson.Options)!
            .Select(s => new WorklistItem(courseId, patientId, s.FollowUpId, s.Test, s.DueDate, s.Reason, s.State, s.CompletedOn, s.CourseStopped))
            .ToList();
    }

    public static WorklistItem ToItem(FollowUpRecord f, bool courseStopped) =>
        new(f.CourseId, f.PatientId, f.FollowUpId, f.Test, f.DueDate, f.Reason, f.State, f.CompletedOn, courseStopped);

    /// <summary>An item as stored: the row carries the course and patient once.</summary>
    private sealed record Stored(string FollowUpId, string Test, DateOnly DueDate, string Reason, FollowUpState State, DateOnly? CompletedOn, bool CourseStopped)
    {
        public static Stored Of(WorklistItem i) => new(i.FollowUpId, i.Test, i.DueDate, i.Reason, i.State, i.CompletedOn, i.CourseStopped);
    }
}
