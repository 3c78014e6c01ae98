using Lena.Courses;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Courses.Worklist;

namespace Lena.Testing;

/// <summary>A course store that passes every call to <see cref="Inner"/>; tests override the calls they disturb.</summary>
public class DelegatingCourseStore(ICourseStore inner) : ICourseStore
{
    protected ICourseStore Inner { get; } = inner;

    public virtual Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken) => Inner.EnrollAsync(course, followUps, agendaDay, state, enrolled, cancellationToken);

    public virtual Task<CourseState?> GetStateAsync(string courseId, CancellationToken cancellationToken) => Inner.GetStateAsync(courseId, cancellationToken);

    public virtual Task<bool> TryAppendAsync(CourseState current, CourseState replacement, TimelineEvent appended, CancellationToken cancellationToken) => Inner.TryAppendAsync(current, replacement, appended, cancellationToken);

    public virtual Task<IReadOnlyList<TimelineEvent>> ListTimelineAsync(string courseId, CancellationToken cancellationToken) => Inner.ListTimelineAsync(courseId, cancellationToken);

    public virtual Task<int?> FindFollowUpEventAsync(string courseId, string followUpId, CancellationToken cancellationToken) => Inner.FindFollowUpEventAsync(courseId, followUpId, cancellationToken);

    public virtual Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken) => Inner.WriteWorklistAsync(followUps, courseStopped, replace, cancellationToken);

    public virtual Task<WorklistPage> ReadWorklistAsync(WorklistQuery query, CancellationToken cancellationToken) => Inner.ReadWorklistAsync(query, cancellationToken);

    public virtual Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken) => Inner.GetCourseAsync(courseId, cancellationToken);

    public virtual Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken) => Inner.ListFollowUpsAsync(courseId, cancellationToken);

    public virtual Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken) => Inner.GetFollowUpAsync(courseId, followUpId, dueDate, cancellationToken);

    public virtual Task<(CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps)> ReadCourseAsync(string courseId, CancellationToken cancellationToken) => Inner.ReadCourseAsync(courseId, cancellationToken);

    public virtual Task<Lena.Courses.Reminders.SweepRead> ReadForSweepAsync(string courseId, DateOnly day, CancellationToken cancellationToken) => Inner.ReadForSweepAsync(courseId, day, cancellationToken);

    public virtual Task<bool> TryWriteScheduleAsync(Lena.Courses.Reminders.ReminderSchedule schedule, CancellationToken cancellationToken) => Inner.TryWriteScheduleAsync(schedule, cancellationToken);

    public virtual Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool updateWorklist, CancellationToken cancellationToken) => Inner.TryUpdateFollowUpAsync(followUp, updateWorklist, cancellationToken);

    public virtual Task<IReadOnlyList<FollowUpRecord>?> TryReplaceFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken) => Inner.TryReplaceFollowUpsAsync(followUps, cancellationToken);

    public virtual Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken) => Inner.TryUpdateCourseAsync(course, cancellationToken);

    public virtual Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken) => Inner.AddFollowUpsAsync(followUps, agendaDay, cancellationToken);

    public virtual Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken) => Inner.TryAddFollowUpsAsync(course, followUps, agendaDay, cancellationToken);

    public virtual IAsyncEnumerable<IReadOnlyList<AgendaEntry>> ReadAgendaAsync(DateOnly day, int pageSize, CancellationToken cancellationToken) => Inner.ReadAgendaAsync(day, pageSize, cancellationToken);

    public virtual Task AddAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken) => Inner.AddAgendaAsync(entries, cancellationToken);

    public virtual Task DeleteAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken) => Inner.DeleteAgendaAsync(entries, cancellationToken);

    public virtual Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken) => Inner.RemoveUncommittedAsync(entry, cancellationToken);

    public virtual Task<IdempotencyRecord?> ClaimIdempotencyKeyAsync(IdempotencyRecord claim, CancellationToken cancellationToken) => Inner.ClaimIdempotencyKeyAsync(claim, cancellationToken);

    public virtual Task<(DateOnly? Date, string? ETag)> GetWatermarkAsync(CancellationToken cancellationToken) => Inner.GetWatermarkAsync(cancellationToken);

    public virtual Task<bool> TrySetWatermarkAsync(DateOnly day, string? ifMatch, CancellationToken cancellationToken) => Inner.TrySetWatermarkAsync(day, ifMatch, cancellationToken);
}
