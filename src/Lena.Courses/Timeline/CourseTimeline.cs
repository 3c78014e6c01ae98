using Lena.Courses.Therapy;

namespace Lena.Courses.Timeline;

/// <summary>
/// Appends events to a course's timeline, one writer at a time. Each writer reads the therapy state,
/// decides from it, and writes its event and the new state in one transaction conditional on the state's
/// ETag and on the next sequence number being free; a writer that lost reads the new state and decides
/// again. Two CBCs posted at once give two ordered events, the second judged on the first's state.
/// </summary>
public sealed class CourseTimeline(ICourseStore store, TimeProvider clock)
{
    /// <summary>Enough for any realistic burst on one course; then the caller gets a 503 to retry.</summary>
    public const int MaxAttempts = 12;

    public async Task<(AppendStep Step, TimelineEvent? Appended)> AppendAsync(CourseRecord course, Func<CourseState, Task<AppendStep>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetStateAsync(course.CourseId, cancellationToken).ConfigureAwait(false) ?? Legacy(course);
            var step = await decide(current).ConfigureAwait(false);
            if (step.Event is not { } decided)
            {
                return (step, null);
            }

            var appended = decided with { Sequence = current.Events + 1, RecordedAt = clock.GetUtcNow() };
            var next = current with { Therapy = appended.Therapy, Events = appended.Sequence };
            if (await store.TryAppendAsync(current, next, appended, cancellationToken).ConfigureAwait(false))
            {
                return (step, appended);
            }

            if (attempt == MaxAttempts)
            {
                throw new CourseBusyException(course.CourseId);
            }

            // Jittered, growing pauses: concurrent writers spread out instead of colliding again.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A course enrolled before therapy states were kept: its enrollment dose, no events yet.</summary>
    private static CourseState Legacy(CourseRecord course) => new(
        course.CourseId,
        new CourseTherapy
        {
            Phase = course.CurrentDoseMg is null ? TherapyPhase.NotStarted : TherapyPhase.OnTreatment,
            DoseMg = course.CurrentDoseMg,
            StartDate = course.StartDate,
        },
        0);
}
