using System.Text.Json;
using Azure.Data.Tables;
using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Courses.Worklist;

namespace Lena.Storage.Courses;

/// <summary>
/// A worklist row: one course's follow-ups due in one month, for its care team (<c>work|{team}</c> /
/// <c>{yyyy-MM}|{courseId}</c>), the items as JSON. A month of one course is a handful of items, far below a
/// property's 64 KB.
/// </summary>
internal static class WorklistEntityMapper
{
    public static TableEntity ToEntity(string careTeamId, DateOnly month, string courseId, string patientId, IEnumerable<WorklistItem> items) =>
        new(CourseTableKeys.WorklistPartition(careTeamId), CourseTableKeys.WorklistRow(month, courseId))
        {
            ["CourseId"] = courseId,
            ["PatientId"] = patientId,
            ["Items"] = JsonSerializer.Serialize(items.OrderBy(i => i.DueDate).ThenBy(i => i.FollowUpId, StringComparer.Ordinal).Select(Stored.Of).ToArray(), LenaJson.Options),
        };

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
