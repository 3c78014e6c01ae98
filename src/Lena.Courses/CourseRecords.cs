namespace Lena.Courses;

public enum CourseStatus
{
    Active,
    Stopped,
}

public enum FollowUpState
{
    Pending,
    Completed,
    Cancelled,
}

/// <summary>A treatment course as stored: the enrollment snapshot (no direct identifiers by contract) and its plan window.</summary>
public sealed record CourseRecord
{
    public required string CourseId { get; init; }
    public required string PatientId { get; init; }

    /// <summary>The care team whose worklist and reminders the course's follow-ups go to.</summary>
    public string CareTeamId { get; init; } = CareTeams.Default;
    public required string Indication { get; init; }
    public required DateOnly StartDate { get; init; }
    public required CourseStatus Status { get; init; }
    public DateOnly? StoppedOn { get; init; }
    public string? StopReason { get; init; }
    public required string RuleSetVersion { get; init; }

    /// <summary>The validated enrollment snapshot, as JSON; follow-up planning and hold checks reuse it.</summary>
    public required string SnapshotJson { get; init; }

    /// <summary>The dose the hold check of completed labs assumes, when known (the enrollment's dosing answer).</summary>
    public double? CurrentDoseMg { get; init; }

    /// <summary>Follow-ups exist up to this date; the reminder sweep extends the plan before it runs out.</summary>
    public required DateOnly PlannedThrough { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The storage version this record was read at (opaque); a conditional update needs it to match.</summary>
    public string? ETag { get; init; }
}

/// <summary>One dated follow-up with its reminder state.</summary>
public sealed record FollowUpRecord
{
    public required string CourseId { get; init; }
    public required string FollowUpId { get; init; }
    public required string PatientId { get; init; }
    public string CareTeamId { get; init; } = CareTeams.Default;
    public required string Test { get; init; }
    public required DateOnly DueDate { get; init; }
    public required string Reason { get; init; }
    public required FollowUpState State { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public DateTimeOffset? UpcomingSentAt { get; init; }
    public int OverdueSent { get; init; }
    public DateTimeOffset? LastOverdueSentAt { get; init; }

    /// <summary>
    /// False when the follow-up was already more than the look-back period past due when it was planned (a course
    /// enrolled late): it stays on the lists but is never reminded.
    /// </summary>
    public bool Remind { get; init; } = true;

    /// <summary>The reminder being sent right now, and until when the claim holds.</summary>
    public string? ClaimId { get; init; }
    public DateTimeOffset? ClaimedUntil { get; init; }
    /// <summary>The storage version this record was read at (opaque); a conditional update needs it to match.</summary>
    public string? ETag { get; init; }
}
