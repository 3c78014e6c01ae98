namespace Lena.Courses.Reminders;

/// <summary>The next reminder a pending follow-up is owed: its kind, when, and its sequence number.</summary>
public sealed record PlannedReminder(ReminderKind Kind, DateTimeOffset At, int Sequence)
{
    /// <summary>Deterministic, so a retried claim sends the same id and a consumer can drop the repeat.</summary>
    public string ReminderId(string courseId, string followUpId) =>
        Kind == ReminderKind.Upcoming ? $"{courseId}:{followUpId}:upcoming" : $"{courseId}:{followUpId}:overdue:{Sequence}";
}

/// <summary>
/// When reminders fall due: one <c>upcoming</c> a lead time before the due date (skipped when the
/// date has already passed), an <c>overdue</c> the day after it, then every repeat interval until done.
/// Clinical dates are read as midnight UTC.
/// </summary>
public sealed class ReminderPolicy(ReminderOptions options)
{
    public PlannedReminder Next(FollowUpRecord followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var dueStart = new DateTimeOffset(followUp.DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var overdueAt = dueStart.AddDays(1);
        if (followUp.OverdueSent == 0 && followUp.UpcomingSentAt is null)
        {
            return new PlannedReminder(ReminderKind.Upcoming, dueStart - options.LeadTime, 0);
        }

        return followUp.OverdueSent == 0 || followUp.LastOverdueSentAt is null
            ? new PlannedReminder(ReminderKind.Overdue, overdueAt, 1)
            : new PlannedReminder(ReminderKind.Overdue, followUp.LastOverdueSentAt.Value + options.OverdueRepeat, followUp.OverdueSent + 1);
    }

    /// <summary>The reminder to send at <paramref name="now"/>, or null when the next one is still ahead.</summary>
    public PlannedReminder? DueAt(FollowUpRecord followUp, DateTimeOffset now)
    {
        var next = Next(followUp);
        if (next.Kind == ReminderKind.Upcoming && now >= new DateTimeOffset(followUp.DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1))
        {
            // Too late for "upcoming": the follow-up is already overdue.
            next = new PlannedReminder(ReminderKind.Overdue, next.At, 1);
            return next;
        }

        return next.At <= now ? next : null;
    }

    /// <summary>The agenda day on which to look at a follow-up next.</summary>
    public static DateOnly AgendaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
