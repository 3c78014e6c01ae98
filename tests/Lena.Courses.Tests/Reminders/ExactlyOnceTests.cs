using System.Web;
using Lena.Courses.Reminders;
using Lena.Courses.Tests.Support;
using Lena.Testing;

namespace Lena.Courses.Tests.Reminders;

/// <summary>
/// API.md: "A reminder is sent once: a rerun, a second instance or a catch-up after downtime never
/// sends it twice." Against Azurite, reading the real queue.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ExactlyOnceTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Enrolled = new(2026, 11, 21);

    /// <summary>For the crash tests that name the one send that fails: with one entry at a time nothing else is in flight.</summary>
    private static ReminderOptions OneAtATime => new() { SweepParallelism = 1 };

    /// <summary>Enrolls <paramref name="count"/> courses starting on consecutive days from 2026-11-22, patients pt-c0, pt-c1, ….</summary>
    private static async Task<(Dictionary<string, string> PatientOfCourse, List<FollowUpRecord> FollowUps)> EnrollManyAsync(CourseHarness harness, int count)
    {
        var patients = new Dictionary<string, string>(StringComparer.Ordinal);
        var followUps = new List<FollowUpRecord>();
        for (var i = 0; i < count; i++)
        {
            var (course, items) = await harness.EnrollAsync(Enrollments.Starting(Enrolled.AddDays(1 + i), "pt-c" + i));
            patients[course.CourseId] = course.PatientId;
            followUps.AddRange(items);
        }

        return (patients, followUps);
    }

    private static void AssertNoDuplicates(IEnumerable<QueuedReminder> received)
    {
        var duplicates = received.GroupBy(r => r.ReminderId).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(duplicates.Length == 0, "sent more than once: " + string.Join(", ", duplicates));
    }

    [Fact]
    public async Task TwoSweepsAtOnceSendEachDueReminderOnce()
    {
        var harness = new CourseHarness(azurite);
        var reference = new CourseHarness(azurite);
        var (patients, _) = await EnrollManyAsync(harness, 12);
        var (referencePatients, _) = await EnrollManyAsync(reference, 12);
        await harness.SweepAsync();
        await reference.SweepAsync();
        Assert.Equal((await reference.ReceiveAsync()).Count, (await harness.ReceiveAsync()).Count);

        // Three rounds a week apart, each with two instances racing over the same tables and queue;
        // the reference sends the same reminders with one sweeper.
        foreach (var at in new[] { new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 17, 9, 0, 0, TimeSpan.Zero) })
        {
            harness.SetNow(at);
            reference.SetNow(at);
            var first = harness.NewSweeper(new SlowSender(harness.Sender));
            var second = harness.NewSweeper(new SlowSender(harness.Sender));
            var results = await Task.WhenAll(
                Task.Run(() => first.SweepAsync(harness.Rules, CancellationToken.None)),
                Task.Run(() => second.SweepAsync(harness.Rules, CancellationToken.None)));
            await reference.SweepAsync();

            var sent = await harness.ReceiveAsync();
            var expected = await reference.ReceiveAsync();
            AssertNoDuplicates(harness.Received);
            Assert.NotEmpty(sent);
            Assert.Equal(sent.Count, results.Sum(r => r.Sent));
            Assert.Equal(
                expected.Select(r => Expect.WithoutCourse(r.ReminderId, referencePatients)).Order(StringComparer.Ordinal),
                sent.Select(r => Expect.WithoutCourse(r.ReminderId, patients)).Order(StringComparer.Ordinal));
        }

        // Whatever the race left behind (a lost claim, a moved watermark) is finished by the next sweep without repeats.
        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task ARerunOfTheSameWindowSendsNothingNew()
    {
        var harness = new CourseHarness(azurite);
        var (_, followUps) = await EnrollManyAsync(harness, 4);
        harness.SetNow(new DateOnly(2026, 11, 26), 9);
        var first = await harness.SweepAsync();
        var sent = await harness.ReceiveAsync();
        Assert.Equal(Expect.FirstReminders(followUps, harness.Clock.GetUtcNow()), sent.Select(r => r.ReminderId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(sent.Count, first.Sent);

        var rerun = await harness.SweepAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        var later = await harness.SweepAsync();
        Assert.Equal((0, 0), (rerun.Sent, later.Sent));
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task ACrashBetweenClaimAndEnqueueIsRetriedAfterTheLeaseWithTheSameReminderId()
    {
        var harness = new CourseHarness(azurite, OneAtATime);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23)));
        await harness.SweepAsync();
        var dayZero = followUps.Where(f => f.DueDate == new DateOnly(2026, 11, 23)).ToArray();

        // The instance claims the first reminder and dies before it reaches the queue.
        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        var crashing = new FlakySender(harness.Sender, failOn: [1]);
        await Assert.ThrowsAsync<IOException>(() => harness.NewSweeper(crashing).SweepAsync(harness.Rules, CancellationToken.None));
        Assert.Empty(await harness.ReceiveAsync());
        var claimedId = crashing.Attempts.Single().ReminderId;
        var claimed = await harness.FollowUpAsync(dayZero.Single(f => claimedId.Contains(f.FollowUpId, StringComparison.Ordinal)));
        Assert.Equal(claimedId, claimed.ClaimId);
        Assert.Equal(harness.Clock.GetUtcNow() + harness.Options.ClaimLease, claimed.ClaimedUntil);

        // Within the lease another sweep sends the rest and leaves the claimed one alone.
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var during = await harness.SweepAsync();
        var sentDuring = await harness.ReceiveAsync();
        Assert.DoesNotContain(sentDuring, r => r.ReminderId == claimedId);
        Assert.Equal(dayZero.Length - 1, sentDuring.Count);
        Assert.True(during.Skipped >= 1);

        // After the lease: sent, with the claim's id, once.
        harness.Clock.Advance(harness.Options.ClaimLease);
        await harness.SweepAsync();
        var retried = await harness.ReceiveAsync();
        Assert.Equal([claimedId], retried.Select(r => r.ReminderId).ToArray());
        Assert.Equal(course.CourseId + ":" + claimed.FollowUpId + ":upcoming", claimedId);
        var confirmed = await harness.FollowUpAsync(claimed);
        Assert.Null(confirmed.ClaimId);
        Assert.NotNull(confirmed.UpcomingSentAt);

        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());
        AssertNoDuplicates(harness.Received);
    }

    [Fact]
    public async Task AClaimLeftByAnotherInstanceIsHonouredUntilItsLeaseEndsThenSentWithItsId()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23)));
        await harness.SweepAsync();
        var cbc = followUps.Single(f => f.DueDate == new DateOnly(2026, 11, 23) && f.Test == "cbc");

        // Another instance wrote its claim and was never heard of again.
        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        var reminderId = course.CourseId + ":" + cbc.FollowUpId + ":upcoming";
        var stored = await harness.FollowUpAsync(cbc);
        Assert.NotNull(await harness.Store.TryUpdateFollowUpAsync(stored with { ClaimId = reminderId, ClaimedUntil = harness.Clock.GetUtcNow().AddMinutes(10) }, updateWorklist: false, CancellationToken.None));

        await harness.SweepAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(9));
        await harness.SweepAsync();
        Assert.DoesNotContain(await harness.ReceiveAsync(), r => r.FollowUpId == cbc.FollowUpId);

        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await harness.SweepAsync();
        Assert.Equal([reminderId], (await harness.ReceiveAsync()).Where(r => r.FollowUpId == cbc.FollowUpId).Select(r => r.ReminderId).ToArray());
    }

    [Fact]
    public async Task ACrashAfterEnqueueBeforeConfirmResendsUnderTheSameIdSoTheConsumerCanDropIt()
    {
        var harness = new CourseHarness(azurite, OneAtATime);
        await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23)));
        await harness.SweepAsync();
        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        var crashing = new FlakySender(harness.Sender, failOn: [1], afterEnqueue: true);
        await Assert.ThrowsAsync<IOException>(() => harness.NewSweeper(crashing).SweepAsync(harness.Rules, CancellationToken.None));
        var first = Assert.Single(await harness.ReceiveAsync());

        harness.Clock.Advance(harness.Options.ClaimLease + TimeSpan.FromMinutes(1));
        await harness.SweepAsync();
        var again = (await harness.ReceiveAsync()).Where(r => r.FollowUpId == first.FollowUpId).ToArray();

        // At-least-once across a crash in that gap, never under a new id: the repeat is recognisable.
        Assert.Equal([first.ReminderId], again.Select(r => r.ReminderId).ToArray());
    }

    [Fact]
    public async Task ACatchUpAfterTenDaysOfDowntimeSendsEveryDueReminderOnceWithTheRightKind()
    {
        var harness = new CourseHarness(azurite);
        var (_, followUps) = await EnrollManyAsync(harness, 5);
        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        await harness.SweepAsync();
        var beforeDowntime = await harness.ReceiveAsync();
        Assert.All(beforeDowntime, r => Assert.Equal("upcoming", r.Kind));

        // Down from 2026-11-22 to 2026-12-02 10:00.
        harness.SetNow(new DateOnly(2026, 12, 2), 10, 0);
        var today = harness.Today;
        var result = await harness.SweepAsync();
        var sent = await harness.ReceiveAsync();
        AssertNoDuplicates(harness.Received);

        // One reminder per follow-up, not one per missed day or week: overdue (first) for what fell
        // due before today, upcoming for what is due today or tomorrow, nothing for later dates.
        Assert.Equal(sent.Count, sent.Select(r => r.FollowUpId + r.CourseId).Distinct().Count());
        Assert.All(sent.Where(r => r.Due < today), r => Assert.EndsWith(":overdue:1", r.ReminderId, StringComparison.Ordinal));
        Assert.All(sent.Where(r => r.Due >= today), r => Assert.Equal("upcoming", r.Kind));
        var due = followUps.Where(f => f.DueDate <= today.AddDays(1)).Select(f => f.CourseId + f.FollowUpId).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(due, sent.Select(r => r.CourseId + r.FollowUpId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(11, result.Days);

        var (watermark, _) = await harness.Store.GetWatermarkAsync(CancellationToken.None);
        Assert.Equal(today, watermark);
        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task AConcurrentSweepSendsAFewAtOnceAndACrashLeavesOnlyItsOwnClaimForAfterTheLease()
    {
        var harness = new CourseHarness(azurite, new ReminderOptions { SweepParallelism = 4 });
        var followUps = new List<FollowUpRecord>();
        for (var i = 0; i < 6; i++)
        {
            followUps.AddRange((await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23), "pt-p" + i))).FollowUps);
        }

        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());

        // The third send fails before the queue; the sends already in flight finish and are confirmed, no new one starts.
        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        var overlap = new OverlapSender(harness.Sender);
        var crashing = new FlakySender(overlap, failOn: [3]);
        await Assert.ThrowsAsync<IOException>(() => harness.NewSweeper(crashing).SweepAsync(harness.Rules, CancellationToken.None));
        var beforeLease = await harness.ReceiveAsync();
        Assert.InRange(overlap.MostInFlight, 2, 4);
        Assert.Equal(crashing.Attempts.Count - 1, beforeLease.Count);
        Assert.InRange(crashing.Attempts.Count, 3, 3 + 4);
        var claimedId = crashing.Attempts[2].ReminderId;
        Assert.DoesNotContain(beforeLease, r => r.ReminderId == claimedId);

        // After the lease everything due is sent, the crashed claim under its own id, nothing twice.
        harness.Clock.Advance(harness.Options.ClaimLease + TimeSpan.FromMinutes(1));
        var after = await harness.SweepAsync();
        var rest = await harness.ReceiveAsync();
        Assert.Contains(rest, r => r.ReminderId == claimedId);
        Assert.Equal(rest.Count, after.Sent);
        AssertNoDuplicates(harness.Received);
        var expected = Expect.FirstReminders(followUps, harness.Clock.GetUtcNow());
        Assert.True(expected.Length > 12, $"only {expected.Length} reminders due: too few to overlap");
        Assert.Equal(expected, harness.Received.Select(r => r.ReminderId).Order(StringComparer.Ordinal).ToArray());

        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task SmallBatchesStillProcessEveryDueReminderReadingTheAgendaPageByPage()
    {
        var harness = new CourseHarness(azurite, new ReminderOptions { BatchSize = 5 });
        var (_, followUps) = await EnrollManyAsync(harness, 1);
        for (var i = 0; i < 12; i++)
        {
            followUps.AddRange((await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23), "pt-s" + i))).FollowUps);
        }

        harness.SetNow(new DateOnly(2026, 11, 24), 9);
        harness.Requests.Clear();
        var result = await harness.SweepAsync();
        var sent = await harness.ReceiveAsync();

        var expected = Expect.FirstReminders(followUps, harness.Clock.GetUtcNow());
        Assert.True(expected.Length > 40, $"only {expected.Length} reminders due: not enough to need many pages");
        Assert.Equal(expected, sent.Select(r => r.ReminderId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(expected.Length, result.Sent);

        // Every agenda read asked for at most 5 rows, and the busiest day took many pages.
        var agendaReads = harness.Requests.Snapshot()
            .Where(r => r.Method == "GET")
            .Select(r => HttpUtility.ParseQueryString(r.Uri.Query))
            .Where(q => q["$filter"]?.Contains("agenda|", StringComparison.Ordinal) == true)
            .ToArray();
        Assert.All(agendaReads, q => Assert.Equal("5", q["$top"]));
        Assert.True(agendaReads.Count(q => q["$filter"]!.Contains("2026-11-22", StringComparison.Ordinal)) >= 3, "the 2026-11-22 agenda (13 courses) was not read in pages of 5");
    }
}
