using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Courses.Worklist;

namespace Lena.Courses;

/// <summary>
/// Courses, their follow-ups and the reminder agenda in a table store. Everything of one course (the course, its
/// therapy state and timeline, its follow-ups with their reminder state) lives together, so that an enrollment and a
/// sweep's claim or confirmation are each one transaction; the agenda holds one pointer per course. State changes are
/// ETag-conditional.
/// </summary>
public interface ICourseStore
{
    /// <summary>
    /// Stores a new course: its agenda pointer on <paramref name="agendaDay"/> first, then the course, its follow-ups,
    /// its therapy state and the <c>enrolled</c> event together, the course row as the commit marker. Rows an earlier
    /// attempt of the same enrollment wrote stand as they are (a sweep may have claimed them). False when that course
    /// was already committed (a retried enrollment).
    /// </summary>
    Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken);

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

    /// <summary>Writes the follow-ups' worklist items (their care team's, by due date), keeping items that exist unless <paramref name="replace"/>.</summary>
    Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken);

    /// <summary>One page of a care team's worklist, read from that team's rows for the date range only.</summary>
    Task<WorklistPage> ReadWorklistAsync(WorklistQuery query, CancellationToken cancellationToken);

    Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>The course's follow-ups with their reminder state, from its own partition.</summary>
    Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>The course (null when not committed) and its follow-ups, in one read of its partition: what the reminder sweep needs.</summary>
    Task<(CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps)> ReadCourseAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>
    /// What the reminder sweep reads of a course on <paramref name="day"/>: with a valid <see cref="Reminders.ReminderSchedule"/>
    /// only the follow-ups it names for that day or earlier (point reads), else all of them. A store without schedules
    /// reads them all.
    /// </summary>
    async Task<Reminders.SweepRead> ReadForSweepAsync(string courseId, DateOnly day, CancellationToken cancellationToken)
    {
        var (course, followUps) = await ReadCourseAsync(courseId, cancellationToken).ConfigureAwait(false);
        return new Reminders.SweepRead(course, followUps, null, null);
    }

    /// <summary>
    /// Writes the sweep's schedule of the course if its row is still as read (<see cref="Reminders.ReminderSchedule.ETag"/>;
    /// null: there was none); false when a writer invalidated it meanwhile, or the store keeps none.
    /// </summary>
    Task<bool> TryWriteScheduleAsync(Reminders.ReminderSchedule schedule, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>One follow-up; <paramref name="dueDate"/> is the one its id names (callers have it; the course's partition does not need it).</summary>
    Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken);

    /// <summary>Replaces a follow-up if its ETag still matches; null when it changed meanwhile.</summary>
    /// <param name="updateWorklist">Also show a done or cancelled follow-up so on its team's worklist (not needed for a claim).</param>
    Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool updateWorklist, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the reminder state (claim, sent marks) of follow-ups of one course in one transaction, each only if its
    /// ETag still matches, so that each row ends as its record: all or none (the sweep's claim and confirmation). Null
    /// when any of them changed meanwhile.
    /// </summary>
    Task<IReadOnlyList<FollowUpRecord>?> TryReplaceFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken);

    /// <summary>Replaces a course if its ETag still matches; null when it changed meanwhile.</summary>
    Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken);

    /// <summary>
    /// Adds follow-ups to an existing course unconditionally (the post-treatment duties, which the stop itself writes),
    /// keeping any that exist; with <paramref name="agendaDay"/>, first makes sure the course is on that day's agenda.
    /// Writers that must not add to a stopped course use <see cref="TryAddFollowUpsAsync"/>.
    /// </summary>
    Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken);

    /// <summary>
    /// Writes follow-ups of a committed course together with its course row, in one transaction conditional on the course
    /// row's ETag (<paramref name="course"/> as read, with its new plan end if it moves): a writer that adds follow-ups to a
    /// course (plan extension, CBCs moved after a hold) and a stop, which changes the course row first, exclude each other.
    /// Follow-ups without an ETag are added, those with one replaced if it still matches. With <paramref name="agendaDay"/>,
    /// the course is first put on that day's agenda. Null, and nothing of the transaction written, when the course row or one
    /// of the follow-ups changed meanwhile, or one to add exists: the caller reads again and decides. More than 98 rows take
    /// more than one transaction: the earlier ones are only added (keeping any that exist) and may stand after a null.
    /// </summary>
    /// <remarks>Each transaction also marks the reminder sweep's schedule of the course invalid (README "Table layout").</remarks>
    Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken);

    /// <summary>One day's agenda, a page (at most <paramref name="pageSize"/> entries) at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<AgendaEntry>> ReadAgendaAsync(DateOnly day, int pageSize, CancellationToken cancellationToken);

    /// <summary>Puts courses on days' agendas (an entry that exists is renewed).</summary>
    Task AddAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes agenda entries as they were read (an entry renewed since, or gone, is left as it is).</summary>
    Task DeleteAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what an abandoned enrollment left (the rows of its course's partition, unless the course row exists after
    /// all), then the agenda entry: the repair path.
    /// </summary>
    Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken);

    /// <summary>Takes an idempotency key for <paramref name="claim"/>'s course; null when taken now, else the record that holds it.</summary>
    Task<IdempotencyRecord?> ClaimIdempotencyKeyAsync(IdempotencyRecord claim, CancellationToken cancellationToken);

    Task<(DateOnly? Date, string? ETag)> GetWatermarkAsync(CancellationToken cancellationToken);

    /// <summary>Moves the sweep watermark, conditional on its ETag (null = create); false when another sweep moved it.</summary>
    Task<bool> TrySetWatermarkAsync(DateOnly day, string? ifMatch, CancellationToken cancellationToken);
}
