using Lena.Courses;
using Lena.Courses.Worklist;

namespace LenaFunctions.Functions.Worklist;

/// <summary>One follow-up on a team's worklist, with its status as of today (as a course's follow-up list gives it).</summary>
public sealed record WorklistItemView(string CourseId, string PatientId, string FollowUpId, string Test, DateOnly DueDate, string Reason, string Status, DateOnly? CompletedOn, bool CourseStopped)
{
    public static WorklistItemView Of(WorklistItem item, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        var status = item.State switch
        {
            FollowUpState.Completed => "completed",
            FollowUpState.Cancelled => "cancelled",
            _ when item.DueDate > today => "pending",
            _ when item.DueDate == today => "due",
            _ => "overdue",
        };
        return new(item.CourseId, item.PatientId, item.FollowUpId, item.Test, item.DueDate, item.Reason, status, item.CompletedOn, item.CourseStopped);
    }
}

/// <summary>A page of the worklist; <see cref="ContinuationToken"/> fetches the next (null on the last page).</summary>
public sealed record WorklistView(string CareTeamId, DateOnly From, DateOnly To, string Status, IReadOnlyList<WorklistItemView> Items, string? ContinuationToken);
