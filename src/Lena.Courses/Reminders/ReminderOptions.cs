namespace Lena.Courses.Reminders;

/// <summary>The <c>FollowUpReminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "FollowUpReminders";

    /// <summary>NCRONTAB (six fields, seconds first); read by the timer trigger as %FollowUpReminders__Schedule%.</summary>
    public string Schedule { get; set; } = "0 0 * * * *";

    /// <summary>How long before the due date the one <c>upcoming</c> reminder goes out.</summary>
    public int LeadTimeHours { get; set; } = 24;

    /// <summary>After the first <c>overdue</c> reminder (the day after the due date), repeat at this interval until done.</summary>
    public int OverdueRepeatDays { get; set; } = 7;

    /// <summary>A claim left by a crashed run is retried, with the same reminder id, after this long.</summary>
    public int ClaimLeaseMinutes { get; set; } = 10;

    /// <summary>Agenda rows read per page; memory stays flat in the number of follow-ups.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Agenda entries of one day handled at once (each claims its reminder by ETag, so still exactly once); 1 is one after another.</summary>
    public int SweepParallelism { get; set; } = 16;

    /// <summary>On the very first sweep, how far back to look for agenda days.</summary>
    public int InitialLookbackDays { get; set; } = 30;

    /// <summary>How long before its planned horizon a course's follow-ups are extended.</summary>
    public int PlanExtensionLeadDays { get; set; } = 90;

    /// <summary>How far each plan extension reaches.</summary>
    public int PlanWindowDays { get; set; } = 365;

    /// <summary>
    /// Rows of an enrollment whose course row (the commit marker) is still missing after this long
    /// were abandoned (the request failed and was not retried): the sweep removes them.
    /// </summary>
    public int UncommittedGraceMinutes { get; set; } = 60;

    public TimeSpan UncommittedGrace => TimeSpan.FromMinutes(UncommittedGraceMinutes);

    public TimeSpan LeadTime => TimeSpan.FromHours(LeadTimeHours);

    public TimeSpan OverdueRepeat => TimeSpan.FromDays(OverdueRepeatDays);

    public TimeSpan ClaimLease => TimeSpan.FromMinutes(ClaimLeaseMinutes);
}
