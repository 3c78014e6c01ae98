namespace Lena.Courses.Worklist;

public enum WorklistStatus
{
    /// <summary>Not done, due today or later in the range.</summary>
    Due,

    /// <summary>Not done, due before today.</summary>
    Overdue,

    /// <summary>Every follow-up in the range, done or not.</summary>
    All,
}

/// <summary>A care team's follow-ups due in <see cref="From"/>–<see cref="To"/> (inclusive), a page at a time, by due date.</summary>
public sealed record WorklistQuery(string CareTeamId, DateOnly From, DateOnly To, WorklistStatus Status, DateOnly Today, int PageSize, WorklistPosition? After);

/// <summary>Where the previous page ended: the last item's due date, course and follow-up (opaque to clients as a token).</summary>
public sealed record WorklistPosition(DateOnly DueDate, string CourseId, string FollowUpId);

/// <summary>One follow-up on a team's worklist. <see cref="CourseStopped"/>: the course stopped after it was due, so it is no longer chased.</summary>
public sealed record WorklistItem(string CourseId, string PatientId, string FollowUpId, string Test, DateOnly DueDate, string Reason, FollowUpState State, DateOnly? CompletedOn, bool CourseStopped);

public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, WorklistPosition? Next);
