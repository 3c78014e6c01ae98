using Lena.Courses.Reminders;
using Lena.Storage.Courses;
using Lena.Testing;

namespace Lena.Courses.Tests.Reminders;

/// <summary>
/// The sweep's schedule (README "Table layout", <c>course|{id}</c> / <c>sched</c>): with it a course is read by point
/// reads of the follow-ups due, and it must never make the sweep miss one — any writer that adds a follow-up or makes one
/// pending again invalidates it in the same transaction, and a sweep that read it before cannot write the next one.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ReminderScheduleTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    [Fact]
    public async Task Sweeping_by_the_schedule_sends_what_reading_every_follow_up_sends_through_a_completion_a_stop_and_its_duties()
    {
        var scheduled = new CourseHarness(azurite);
        var everything = new CourseHarness(azurite);
        var (course, followUps) = await scheduled.EnrollAsync(Enrollments.Starting(Start));
        var (control, _) = await everything.EnrollAsync(Enrollments.Starting(Start));
        var fullReads = everything.NewSweeper(store: new WithoutSchedule(everything.Store));
        var completed = followUps.First(f => f.DueDate > Start.AddDays(10));
        var stoppedOn = Start.AddDays(40);
        scheduled.Requests.Clear();

        for (var day = Start.AddDays(-1); day <= Start.AddDays(90); day = day.AddDays(1))
        {
            foreach (var harness in new[] { scheduled, everything })
            {
                harness.SetNow(day, 1);
                var id = harness == scheduled ? course.CourseId : control.CourseId;
                var current = (await harness.Store.GetCourseAsync(id, CancellationToken.None))!;
                if (day == completed.DueDate)
                {
                    var row = await harness.FollowUpAsync(completed with { CourseId = id });
                    await harness.Courses.CompleteAsync(current, row, day, new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);
                }

                if (day == stoppedOn)
                {
                    await harness.Courses.StopAsync(current, day, "toxicity", harness.Rules, CancellationToken.None);
                }
            }

            await scheduled.SweepAsync();
            await fullReads.SweepAsync(everything.Rules, CancellationToken.None);
        }

        var sent = (await scheduled.ReceiveAsync()).Select(r => r.ReminderId.Replace(course.CourseId, "c", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var expected = (await everything.ReceiveAsync()).Select(r => r.ReminderId.Replace(control.CourseId, "c", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, sent);
        Assert.Equal(sent.Length, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(sent, s => s.Contains(":overdue:", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, s => s.StartsWith("c:" + completed.FollowUpId + ":overdue", StringComparison.Ordinal));

        // And it did read by point reads: most visits made no query of the course's partition.
        var partitionQueries = scheduled.Requests.Snapshot().Count(r => Uri.UnescapeDataString(r.Uri.Query).Contains("PartitionKey eq 'course|", StringComparison.Ordinal));
        var pointReads = scheduled.Requests.Snapshot().Count(r => r.Method == "GET" && Uri.UnescapeDataString(r.Uri.AbsolutePath).Contains("RowKey='fu|", StringComparison.Ordinal));
        Assert.True(pointReads > partitionQueries, $"{pointReads} point reads of follow-ups, {partitionQueries} queries of the course's partition");
    }

    [Fact]
    public Task Follow_ups_added_after_the_schedule_was_read_invalidate_it_and_the_next_read_sees_them() =>
        AssertAddingInvalidatesTheScheduleAsync((store, _, added) => store.AddFollowUpsAsync([added], Start, CancellationToken.None));

    [Fact]
    public Task Follow_ups_committed_with_the_course_row_invalidate_the_schedule_too() =>
        AssertAddingInvalidatesTheScheduleAsync(async (store, read, added) =>
            Assert.NotNull(await store.TryAddFollowUpsAsync(read.Course!, [added], Start, CancellationToken.None)));

    /// <summary>A sweep reads a valid schedule, <paramref name="add"/> writes a new follow-up: the sweep's next schedule is refused and the next read sees the follow-up.</summary>
    private async Task AssertAddingInvalidatesTheScheduleAsync(Func<TableCourseStore, SweepRead, FollowUpRecord, Task> add)
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        harness.SetNow(Start.AddDays(-1), 1);
        await harness.SweepAsync();
        var read = await harness.Store.ReadForSweepAsync(course.CourseId, Start, CancellationToken.None);
        Assert.NotNull(read.Schedule);

        var added = followUps[0] with { FollowUpId = "20261124-extra", Test = "extra", DueDate = Start.AddDays(1), ETag = null, UpcomingSentAt = null, OverdueSent = 0, LastOverdueSentAt = null };
        await add(harness.Store, read, added);

        Assert.False(await harness.Store.TryWriteScheduleAsync(read.Schedule!, CancellationToken.None));
        var again = await harness.Store.ReadForSweepAsync(course.CourseId, Start, CancellationToken.None);
        Assert.Null(again.Schedule);
        Assert.Contains(again.FollowUps, f => f.FollowUpId == added.FollowUpId);
    }

    [Fact]
    public async Task A_follow_up_made_pending_again_invalidates_the_schedule_and_one_completed_does_not()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        harness.SetNow(Start.AddDays(-1), 1);
        await harness.SweepAsync();
        var later = await harness.FollowUpAsync(followUps[^1]);

        var cancelled = await harness.Store.TryUpdateFollowUpAsync(later with { State = FollowUpState.Cancelled }, updateWorklist: false, CancellationToken.None);
        Assert.NotNull((await harness.Store.ReadForSweepAsync(course.CourseId, Start, CancellationToken.None)).Schedule);

        var read = await harness.Store.ReadForSweepAsync(course.CourseId, Start, CancellationToken.None);
        Assert.NotNull(await harness.Store.TryUpdateFollowUpAsync(cancelled! with { State = FollowUpState.Pending }, updateWorklist: false, CancellationToken.None));

        Assert.False(await harness.Store.TryWriteScheduleAsync(read.Schedule!, CancellationToken.None));
        Assert.Null((await harness.Store.ReadForSweepAsync(course.CourseId, Start, CancellationToken.None)).Schedule);
    }

    /// <summary>The sweep as before the schedule: every visit reads the whole partition, and no schedule is kept.</summary>
    private sealed class WithoutSchedule(ICourseStore inner) : DelegatingCourseStore(inner)
    {
        public override async Task<SweepRead> ReadForSweepAsync(string courseId, DateOnly day, CancellationToken cancellationToken)
        {
            var (course, followUps) = await Inner.ReadCourseAsync(courseId, cancellationToken);
            return new SweepRead(course, followUps, null, null);
        }

        public override Task<bool> TryWriteScheduleAsync(ReminderSchedule schedule, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
