using Lena.Courses;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Courses.Worklist;

namespace Lena.Testing;

/// <summary>Just enough of the course store for enrollment, completion and stop, in memory; every conditional write succeeds (no reminder sweep).</summary>
public sealed class InMemoryCourseStore : ICourseStore
{
    private readonly Dictionary<string, CourseRecord> _courses = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CourseId, string FollowUpId), FollowUpRecord> _followUps = [];
    private readonly Dictionary<string, CourseState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TimelineEvent>> _events = new(StringComparer.Ordinal);

    public async Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken)
    {
        await AddFollowUpsAsync(followUps, agendaDay, cancellationToken);
        _states.TryAdd(course.CourseId, state with { ETag = "1" });
        _events.TryAdd(course.CourseId, [enrolled]);
        return _courses.TryAdd(course.CourseId, course);
    }

    public Task<CourseState?> GetStateAsync(string courseId, CancellationToken cancellationToken) => Task.FromResult(_states.GetValueOrDefault(courseId));

    public Task<bool> TryAppendAsync(CourseState current, CourseState replacement, TimelineEvent appended, CancellationToken cancellationToken)
    {
        if (_states.GetValueOrDefault(current.CourseId)?.ETag != current.ETag)
        {
            return Task.FromResult(false);
        }

        _states[current.CourseId] = replacement with { ETag = (appended.Sequence + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        (_events.TryGetValue(current.CourseId, out var list) ? list : _events[current.CourseId] = []).Add(appended);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<TimelineEvent>> ListTimelineAsync(string courseId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimelineEvent>>(_events.TryGetValue(courseId, out var list) ? [.. list] : []);

    public Task<int?> FindFollowUpEventAsync(string courseId, string followUpId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.TryGetValue(courseId, out var list) ? list.FirstOrDefault(e => e.FollowUpId == followUpId)?.Sequence : null);

    public Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<WorklistPage> ReadWorklistAsync(WorklistQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IdempotencyRecord?> ClaimIdempotencyKeyAsync(IdempotencyRecord claim, CancellationToken cancellationToken) => Task.FromResult<IdempotencyRecord?>(null);

    public Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken) =>
        Task.FromResult(_courses.GetValueOrDefault(courseId));

    public Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FollowUpRecord>>(_followUps.Values.Where(f => f.CourseId == courseId).ToArray());

    public Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken) =>
        Task.FromResult(_followUps.GetValueOrDefault((courseId, followUpId)) is { } f && f.DueDate == dueDate ? f : null);

    public async Task<(CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps)> ReadCourseAsync(string courseId, CancellationToken cancellationToken) =>
        (await GetCourseAsync(courseId, cancellationToken), await ListFollowUpsAsync(courseId, cancellationToken));

    public Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool updateWorklist, CancellationToken cancellationToken)
    {
        _followUps[(followUp.CourseId, followUp.FollowUpId)] = followUp;
        return Task.FromResult<FollowUpRecord?>(followUp);
    }

    public Task<IReadOnlyList<FollowUpRecord>?> TryReplaceFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken)
    {
        foreach (var followUp in followUps)
        {
            _followUps[(followUp.CourseId, followUp.FollowUpId)] = followUp;
        }

        return Task.FromResult<IReadOnlyList<FollowUpRecord>?>(followUps);
    }

    public Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken)
    {
        _courses[course.CourseId] = course;
        return Task.FromResult<CourseRecord?>(course);
    }

    public Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
    {
        foreach (var followUp in followUps)
        {
            _followUps.TryAdd((followUp.CourseId, followUp.FollowUpId), followUp);
        }

        return Task.CompletedTask;
    }

    public Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
    {
        foreach (var followUp in followUps)
        {
            _followUps[(followUp.CourseId, followUp.FollowUpId)] = followUp;
        }

        _courses[course.CourseId] = course;
        return Task.FromResult<CourseRecord?>(course);
    }

    public IAsyncEnumerable<IReadOnlyList<AgendaEntry>> ReadAgendaAsync(DateOnly day, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<(DateOnly? Date, string? ETag)> GetWatermarkAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TrySetWatermarkAsync(DateOnly day, string? ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException();
}
