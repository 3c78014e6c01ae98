using System.Text.Json;
using Lena.Courses;

namespace LenaFunctions.Functions.Courses;

/// <summary>A course as the portal sees it.</summary>
public sealed record CourseView(
    string CourseId,
    string PatientId,
    string CareTeamId,
    string Indication,
    DateOnly StartDate,
    string Status,
    DateOnly? StoppedOn,
    string? StopReason,
    string RuleSetVersion,
    DateOnly PlannedThrough,
    DateTimeOffset CreatedAt)
{
    public static CourseView Of(CourseRecord course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new(course.CourseId, course.PatientId, course.CareTeamId, course.Indication, course.StartDate, course.Status == CourseStatus.Active ? "active" : "stopped",
            course.StoppedOn, course.StopReason, course.RuleSetVersion, course.PlannedThrough, course.CreatedAt);
    }
}

/// <summary>The enrollment answer: the course and the follow-ups it stored.</summary>
public sealed record EnrolledCourseView(string RuleSetVersion, CourseView Course, IReadOnlyList<FollowUpView> FollowUps);

/// <summary>A follow-up with its status as of today: pending (ahead), due (today), overdue, completed or cancelled.</summary>
public sealed record FollowUpView(
    string FollowUpId,
    string Test,
    DateOnly DueDate,
    string Reason,
    string Status,
    DateOnly? CompletedOn,
    bool UpcomingReminderSent,
    int OverdueRemindersSent)
{
    public static FollowUpView Of(FollowUpRecord followUp, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return new(followUp.FollowUpId, followUp.Test, followUp.DueDate, followUp.Reason, StatusOf(followUp, today), followUp.CompletedOn,
            followUp.UpcomingSentAt is not null, followUp.OverdueSent);
    }

    public static string StatusOf(FollowUpRecord followUp, DateOnly today) => followUp.State switch
    {
        FollowUpState.Completed => "completed",
        FollowUpState.Cancelled => "cancelled",
        _ when followUp.DueDate > today => "pending",
        _ when followUp.DueDate == today => "due",
        _ => "overdue",
    };
}

public sealed record FollowUpListView(string RuleSetVersion, string CourseId, string Status, IReadOnlyList<FollowUpView> FollowUps);

/// <summary>Completing a follow-up: the follow-up, the hold check on its labs (the Dosing answer), and whether an alert went out.</summary>
public sealed record CompletionView(string RuleSetVersion, FollowUpView FollowUp, JsonElement? HoldCheck, bool AlertQueued);

/// <summary>Body of <c>POST …/complete</c>.</summary>
public sealed record CompleteFollowUpRequest
{
    public required DateOnly CompletedOn { get; init; }
    public JsonElement? Labs { get; init; }

    /// <summary>Toxicity facts for the hold check (fever, days of neutropenia, …); dose, schedule, interruption and cycles are the course's.</summary>
    public JsonElement? Therapy { get; init; }

    /// <summary>Renal function now, for the hold check (dosing needs it; the enrollment may not have had it).</summary>
    public JsonElement? Renal { get; init; }
}

/// <summary>Body of <c>POST …/stop</c>.</summary>
public sealed record StopCourseRequest
{
    public required DateOnly StoppedOn { get; init; }
    public required string Reason { get; init; }
}
