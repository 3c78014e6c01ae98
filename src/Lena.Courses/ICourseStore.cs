using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Courses.Worklist;

namespace Lena.Courses;

/// <summary>Courses, their follow-ups and the reminder agenda in a table store. State changes are ETag-conditional.</summary>
public interface ICourseStore
{
    /// <summary>
    /// Stores a new course, its follow-ups (with an agenda entry each), the plan-extension entry, its
    /// therapy state and the <c>enrolled</c> event; the course row last, as the commit marker. Rows an
    /// earlier attempt of the same enrollment wrote stand as they are (a sweep may have claimed them).
    /// False when that course was already committed (a retried enrollment).
    /// </summary>
    Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken);

    /// <summary>The course's therapy state; null for a course enrolled before states were kept.</summary>
    Task<CourseState?> GetStateAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="appended"/> (sequence <c>current.Events + 1</c>) and replaces the state with
    /// <paramref name="replacement"/> in one transaction, conditional on <paramref name="current"/>'s ETag (none: the
    /// state must not exist yet) and on that sequence number being free; false when another writer came first.
    /// </summary>
    Task<bool> TryAppendAsync(CourseState current, CourseState replacement, TimelineEvent appended, CancellationToken cancellationToken);

    /// <summary>The course's timeline, oldest first.</summary>
    Task<IReadOnlyList<TimelineEvent>> ListTimelineAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>The sequence number of the event that judged a follow-up's labs, if one did.</summary>
    Task<int?> FindFollowUpEventAsync(string courseId, string followUpId, CancellationToken cancellationToken);

    /// <summary>Writes the follow-ups' worklist rows (their care team's, by due date), keeping rows that exist unless <paramref name="replace"/>.</summary>
    Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken);

    /// <summary>One page of a care team's worklist, read from that team's rows for the date range only.</summary>
    Task<WorklistPage> ReadWorklistAsync(WorklistQuery query, CancellationToken cancellationToken);

    Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>The course's follow-ups, from its own partition (the portal's view).</summary>
    Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken);

    Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken);

    /// <summary>Replaces a follow-up if its ETag still matches; null when it changed meanwhile.</summary>
    /// <param name="mirrorToIndex">Also refresh the course's index row (state the portal shows), not needed for a claim.</param>
    Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool mirrorToIndex, CancellationToken cancellationToken);

    /// <summary>Replaces a course if its ETag still matches; null when it changed meanwhile.</summary>
    Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken);

    /// <summary>Adds follow-ups to an existing course (plan extension, post-treatment duties).</summary>
    Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CancellationToken cancellationToken);

    /// <summary>Adds follow-ups to the course's own partition (the portal's view).</summary>
    Task AddIndexAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken);

    IAsyncEnumerable<AgendaEntry> ReadAgendaAsync(DateOnly day, int pageSize, CancellationToken cancellationToken);

    /// <summary>Adds an agenda entry; an existing identical entry is left as it is.</summary>
    Task AddAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken);

    Task DeleteAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes what an abandoned enrollment left for this entry (its follow-up rows, then the entry): the repair path.</summary>
    Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken);

    /// <summary>Takes an idempotency key for <paramref name="claim"/>'s course; null when taken now, else the record that holds it.</summary>
    Task<IdempotencyRecord?> ClaimIdempotencyKeyAsync(IdempotencyRecord claim, CancellationToken cancellationToken);

    Task<(DateOnly? Date, string? ETag)> GetWatermarkAsync(CancellationToken cancellationToken);

    /// <summary>Moves the sweep watermark, conditional on its ETag (null = create); false when another sweep moved it.</summary>
    Task<bool> TrySetWatermarkAsync(DateOnly day, string? ifMatch, CancellationToken cancellationToken);
}
