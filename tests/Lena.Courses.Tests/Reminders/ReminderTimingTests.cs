using Lena.Testing;

namespace Lena.Courses.Tests.Reminders;

/// <summary>
/// When reminders go out, with a fake clock: one <c>upcoming</c> 24 h before the due date, an
/// <c>overdue</c> the day after it, then every 7 days until the follow-up is completed or the course
/// stops. The sample course starts 2026-11-23 (day-0 CBC, liver, renal and thyroid tests that day).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ReminderTimingTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    [Fact]
    public async Task UpcomingGoesOutOnceTwentyFourHoursBeforeTheDueDate()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var dayZero = followUps.Where(f => f.DueDate == Start).ToArray();
        Assert.Contains(dayZero, f => f.Test == "cbc");

        await harness.SweepAsync();
        harness.SetNow(new DateTimeOffset(2026, 11, 21, 23, 59, 0, TimeSpan.Zero));
        await harness.SweepAsync();
        Assert.Empty(await harness.ReceiveAsync());

        // Exactly 24 h before 2026-11-23 (clinical dates are midnight UTC).
        harness.SetNow(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        await harness.SweepAsync();
        var upcoming = await harness.ReceiveAsync();
        Assert.Equal(
            dayZero.Select(f => (course.CourseId + ":" + f.FollowUpId + ":upcoming", f.FollowUpId, "upcoming", "2026-11-23")).Order().ToArray(),
            upcoming.Select(r => (r.ReminderId, r.FollowUpId, r.Kind, r.DueDate)).Order().ToArray());
        Assert.All(upcoming, r => Assert.Equal((course.CourseId, course.PatientId), (r.CourseId, r.PatientId)));

        // Later sweeps that day and on the due date itself send nothing more for these follow-ups.
        foreach (var at in new[] { new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero) })
        {
            harness.SetNow(at);
            await harness.SweepAsync();
        }

        Assert.DoesNotContain(await harness.ReceiveAsync(), r => r.Due == Start);
        foreach (var followUp in dayZero)
        {
            var stored = await harness.FollowUpAsync(followUp);
            Assert.NotNull(stored.UpcomingSentAt);
            Assert.Equal(0, stored.OverdueSent);
            Assert.Null(stored.ClaimId);
        }
    }

    [Fact]
    public async Task OverdueGoesOutTheDayAfterTheDueDateThenEverySevenDaysUntilCompleted()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");

        // A sweep every day at 00:05 for three weeks; the CBC is recorded as done on 2026-12-09.
        for (var day = new DateOnly(2026, 11, 22); day <= new DateOnly(2026, 12, 20); day = day.AddDays(1))
        {
            harness.SetNow(day);
            if (day == new DateOnly(2026, 12, 9))
            {
                var current = await harness.FollowUpAsync(cbc);
                await harness.Courses.CompleteAsync(course, current, day, new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);
            }

            await harness.SweepAsync();
            var sent = await harness.ReceiveAsync();
            Assert.Equal(sent.Count, sent.Select(r => r.ReminderId).Distinct().Count());
        }

        var forCbc = harness.Received.Where(r => r.FollowUpId == cbc.FollowUpId).Select(r => r.ReminderId).ToArray();
        var id = course.CourseId + ":" + cbc.FollowUpId;
        Assert.Equal([id + ":upcoming", id + ":overdue:1", id + ":overdue:2", id + ":overdue:3"], forCbc);

        // The other day-0 tests were never completed: overdue on 11-24, 12-01, 12-08, 12-15.
        var thyroid = followUps.Single(f => f.DueDate == Start && f.Test == "thyroidFunction");
        Assert.Equal(
            ["upcoming", "overdue", "overdue", "overdue", "overdue"],
            harness.Received.Where(r => r.FollowUpId == thyroid.FollowUpId).Select(r => r.Kind).ToArray());
        var stored = await harness.FollowUpAsync(thyroid);
        Assert.Equal(4, stored.OverdueSent);
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 5, 0, TimeSpan.Zero), stored.LastOverdueSentAt);
    }

    [Fact]
    public async Task OverdueTimingFollowsTheClockToTheMinute()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");
        var id = course.CourseId + ":" + cbc.FollowUpId;

        harness.SetNow(new DateOnly(2026, 11, 22), 0, 0);
        await harness.SweepAsync();
        harness.SetNow(new DateOnly(2026, 11, 23), 23, 59);
        await harness.SweepAsync();
        Assert.DoesNotContain(await harness.ReceiveAsync(), r => r.ReminderId.StartsWith(id + ":overdue", StringComparison.Ordinal));

        harness.SetNow(new DateOnly(2026, 11, 24), 0, 0);
        await harness.SweepAsync();
        Assert.Contains(await harness.ReceiveAsync(), r => r.ReminderId == id + ":overdue:1");

        // 7 days after the first overdue reminder, not a minute earlier.
        harness.SetNow(new DateOnly(2026, 11, 30), 23, 59);
        await harness.SweepAsync();
        Assert.DoesNotContain(await harness.ReceiveAsync(), r => r.FollowUpId == cbc.FollowUpId);
        harness.SetNow(new DateOnly(2026, 12, 1), 0, 0);
        await harness.SweepAsync();
        Assert.Contains(await harness.ReceiveAsync(), r => r.ReminderId == id + ":overdue:2");
    }

    [Fact]
    public async Task NothingIsSentForAFollowUpCompletedBeforeItsReminders()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");
        await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), harness.Today, new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);

        for (var day = new DateOnly(2026, 11, 21); day <= new DateOnly(2026, 12, 5); day = day.AddDays(1))
        {
            harness.SetNow(day, 10);
            await harness.SweepAsync();
        }

        var received = await harness.ReceiveAsync();
        Assert.DoesNotContain(received, r => r.FollowUpId == cbc.FollowUpId);
        Assert.Contains(received, r => r.Due == Start && r.Test == "thyroidFunction");
    }

    [Fact]
    public async Task AnUpcomingReminderIsSkippedWhenTheFirstSweepRunsAfterTheDueDate()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));

        // No sweep at all until 2026-11-24 10:00: the day-0 tests are overdue by then.
        harness.SetNow(new DateOnly(2026, 11, 24), 10, 0);
        await harness.SweepAsync();
        var received = await harness.ReceiveAsync();

        var dayZero = followUps.Where(f => f.DueDate == Start).ToArray();
        Assert.Equal(
            dayZero.Select(f => course.CourseId + ":" + f.FollowUpId + ":overdue:1").Order().ToArray(),
            received.Where(r => r.Due == Start).Select(r => r.ReminderId).Order().ToArray());
        Assert.DoesNotContain(received, r => r.Due == Start && r.Kind == "upcoming");

        // What is due today or tomorrow still gets its upcoming reminder.
        Assert.All(received.Where(r => r.Due > Start), r => Assert.Equal("upcoming", r.Kind));
        Assert.Equal(
            followUps.Where(f => f.DueDate > Start && f.DueDate <= harness.Today.AddDays(1)).Select(f => f.FollowUpId).Order().ToArray(),
            received.Where(r => r.Due > Start).Select(r => r.FollowUpId).Order().ToArray());
    }

    [Fact]
    public async Task OverdueRemindersEndWhenTheCourseStopsButThePostTreatmentDutiesAreReminded()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");
        for (var day = new DateOnly(2026, 11, 22); day <= new DateOnly(2026, 11, 25); day = day.AddDays(1))
        {
            harness.SetNow(day);
            await harness.SweepAsync();
        }

        Assert.Contains(await harness.ReceiveAsync(), r => r.ReminderId == course.CourseId + ":" + cbc.FollowUpId + ":overdue:1");

        var stoppedOn = new DateOnly(2026, 11, 25);
        var stored = await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None);
        Assert.NotNull(await harness.Courses.StopAsync(stored!, stoppedOn, "progression", harness.Rules, CancellationToken.None));

        for (var day = new DateOnly(2026, 11, 26); day <= new DateOnly(2027, 1, 2); day = day.AddDays(1))
        {
            harness.SetNow(day);
            await harness.SweepAsync();
        }

        var after = await harness.ReceiveAsync();
        Assert.Equal(["remsBloodDonation"], after.Select(r => r.Test).Distinct().ToArray());
        Assert.Equal(["upcoming", "overdue", "overdue"], after.Select(r => r.Kind).ToArray());
        Assert.All(after, r => Assert.Equal(stoppedOn.AddDays(28), r.Due));

        // The past follow-up is kept (not cancelled), just no longer chased.
        Assert.Equal(FollowUpState.Pending, (await harness.FollowUpAsync(cbc)).State);
    }
}
