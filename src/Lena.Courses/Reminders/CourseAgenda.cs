using Lena.Clinical.Rules;

namespace Lena.Courses.Reminders;

/// <summary>
/// Which of a course's follow-ups the reminder sweep chases, and on which day it must look at the course next: its
/// earliest reminder or its plan extension, never before today. The course's one agenda pointer goes there.
/// </summary>
public sealed class CourseAgenda(ReminderOptions options)
{
    private readonly ReminderPolicy _policy = new(options);

    /// <summary>The day the course's plan is extended (a lead time before it runs out).</summary>
    public DateOnly ExtensionDay(CourseRecord course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.PlannedThrough.AddDays(-options.PlanExtensionLeadDays);
    }

    /// <summary>
    /// A follow-up is reminded while it is pending, unless it was planned already more than the look-back period past due
    /// (a course enrolled late: not its whole history; rows of the earlier layout carry no flag, hence the enrollment date)
    /// or its course's stop ended it.
    /// </summary>
    public bool IsChased(FollowUpRecord followUp, CourseRecord course, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(course);
        return followUp is { State: FollowUpState.Pending, Remind: true }
            && followUp.DueDate >= DateOnly.FromDateTime(course.CreatedAt.UtcDateTime).AddDays(-options.InitialLookbackDays)
            && !EndedByStop(followUp, course, rules);
    }

    /// <summary>The next day to look at the course, or null when nothing is left to remind or extend.</summary>
    public DateOnly? NextDay(CourseRecord course, IEnumerable<FollowUpRecord> followUps, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(course);
        DateOnly? next = course.Status == CourseStatus.Active ? ExtensionDay(course) : null;
        return Earliest(next, FirstReminderDay(followUps.Where(f => IsChased(f, course, rules)), today), today);
    }

    /// <summary>The next day to look at the course given the day of each follow-up still chased, or null when nothing is left.</summary>
    public DateOnly? NextDay(CourseRecord course, IEnumerable<DateOnly> chasedDays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(chasedDays);
        DateOnly? first = null;
        foreach (var day in chasedDays)
        {
            first = first is null || day < first ? day : first;
        }

        return Earliest(course.Status == CourseStatus.Active ? ExtensionDay(course) : null, first, today);
    }

    /// <summary>The day of the earliest reminder among new follow-ups (never before today), or null when none is reminded.</summary>
    public DateOnly? FirstReminderDay(IEnumerable<FollowUpRecord> followUps, DateOnly today)
    {
        DateOnly? first = null;
        foreach (var followUp in followUps.Where(f => f is { State: FollowUpState.Pending, Remind: true }))
        {
            first = Earliest(first, ReminderPolicy.AgendaDate(_policy.Next(followUp).At), today);
        }

        return first;
    }

    /// <summary>Planned now: a follow-up already more than the look-back period past due is never reminded.</summary>
    public bool Reminds(DateOnly dueDate, DateOnly today) => dueDate >= today.AddDays(-options.InitialLookbackDays);

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b, DateOnly today)
    {
        var earliest = a is null ? b : b is null ? a : a < b ? a : b;
        return earliest < today ? today : earliest;
    }

    /// <summary>
    /// Reminders run until the follow-up is completed or the course stops. A stop cancels what was due after the last
    /// dose, but keeps the earlier follow-ups pending (their results may still be recorded): those are no longer chased.
    /// The REMS duties, due after the stop, still are. A stop cut short before it cancelled the later follow-ups lets none
    /// of them be chased either.
    /// </summary>
    private static bool EndedByStop(FollowUpRecord followUp, CourseRecord course, RuleSet rules) =>
        course is { Status: CourseStatus.Stopped, StoppedOn: { } stoppedOn }
        && (followUp.DueDate <= stoppedOn || !CourseService.IsPostTreatmentDuty(followUp, rules));
}
