using Azure.Data.Tables;
using Lena.Testing;

namespace Lena.Courses.Tests.Courses;

/// <summary>
/// What the claim/commit protocol (README "Table layout and what each call costs") rests on, against Azurite: an
/// enrollment is a handful of transactions, and a transaction of follow-up replacements is all or nothing on every
/// row's ETag, handing back each row's new ETag.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class CourseStoreProtocolTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_enrollment_is_three_transactions_the_pointer_the_course_and_its_worklist()
    {
        var harness = new CourseHarness(azurite);
        await harness.EnrollAsync(Enrollments.Starting(patientId: "pt-warm")); // creates the table
        harness.Requests.Clear();

        var (_, followUps) = await harness.EnrollAsync(Enrollments.Starting());

        var requests = harness.Requests.Snapshot();
        Assert.True(followUps.Count > 40, $"{followUps.Count} follow-ups");
        Assert.Equal(
            ["PUT agenda|", "POST $batch", "POST $batch"],
            requests.Select(r => r.Method + " " + (Uri.UnescapeDataString(r.Uri.AbsolutePath).Contains("agenda|", StringComparison.Ordinal) ? "agenda|" : r.Uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) ? "$batch" : r.Uri.AbsolutePath)).ToArray());
    }

    [Fact]
    public async Task A_claim_with_one_stale_ETag_changes_none_of_the_rows_and_a_fresh_one_returns_the_new_ETags()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.Starting());
        var rows = (await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None)).Take(3).ToArray();
        var moved = await harness.Store.TryUpdateFollowUpAsync(rows[1] with { Reason = "changed meanwhile" }, updateWorklist: false, CancellationToken.None);
        Assert.NotNull(moved);

        var stale = await harness.Store.TryReplaceFollowUpsAsync([.. rows.Select(r => r with { ClaimId = "claim" })], CancellationToken.None);

        Assert.Null(stale);
        var after = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        Assert.All(rows, r => Assert.Null(after.Single(a => a.FollowUpId == r.FollowUpId).ClaimId));

        var fresh = await harness.Store.TryReplaceFollowUpsAsync([rows[0] with { ClaimId = "claim" }, moved with { ClaimId = "claim" }, rows[2] with { ClaimId = "claim" }], CancellationToken.None);
        Assert.NotNull(fresh);
        var stored = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        Assert.All(fresh, f => Assert.Equal(stored.Single(s => s.FollowUpId == f.FollowUpId).ETag, f.ETag));
        Assert.All(fresh, f => Assert.Equal("claim", f.ClaimId));
    }

    [Fact]
    public async Task Follow_ups_added_with_a_stale_course_row_are_not_written_and_with_a_fresh_one_commit_with_it()
    {
        var harness = new CourseHarness(azurite);
        var (enrolled, followUps) = await harness.EnrollAsync(Enrollments.Starting());
        var read = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;
        var later = read.PlannedThrough.AddDays(30);
        FollowUpRecord[] window = [.. followUps.Take(3).Select((f, i) => f with { FollowUpId = "window-" + i, DueDate = later.AddDays(i), ETag = null })];
        var changed = await harness.Store.TryUpdateCourseAsync(read with { StopReason = "changed meanwhile" }, CancellationToken.None);
        Assert.NotNull(changed);

        Assert.Null(await harness.Store.TryAddFollowUpsAsync(read with { PlannedThrough = later }, window, null, CancellationToken.None));
        Assert.DoesNotContain(await harness.Store.ListFollowUpsAsync(enrolled.CourseId, CancellationToken.None), f => f.FollowUpId.StartsWith("window-", StringComparison.Ordinal));

        // One row to add that exists already refuses the whole transaction too (the caller reads again and leaves it out).
        Assert.Null(await harness.Store.TryAddFollowUpsAsync(changed with { PlannedThrough = later }, [.. window, followUps[5] with { ETag = null }], null, CancellationToken.None));
        Assert.Equal(read.PlannedThrough, (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!.PlannedThrough);

        var committed = await harness.Store.TryAddFollowUpsAsync(changed with { PlannedThrough = later }, window, null, CancellationToken.None);
        var course = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;
        Assert.Equal((later, course.ETag), (course.PlannedThrough, committed?.ETag));
        Assert.Equal(3, (await harness.Store.ListFollowUpsAsync(enrolled.CourseId, CancellationToken.None)).Count(f => f.FollowUpId.StartsWith("window-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_window_of_more_than_98_follow_ups_on_a_stale_course_row_leaves_only_the_earlier_rows_which_a_stopped_extension_cancels()
    {
        var harness = new CourseHarness(azurite);
        var (enrolled, followUps) = await harness.EnrollAsync(Enrollments.Starting());
        var read = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;
        var stoppedOn = harness.Today;
        FollowUpRecord[] window = [.. Enumerable.Range(0, 120).Select(i => followUps[0] with { FollowUpId = "window-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), DueDate = read.PlannedThrough.AddDays(1 + i), Test = "cbc", ETag = null })];
        Assert.NotNull(await harness.Courses.StopAsync(read, stoppedOn, "toxicity", harness.Rules, CancellationToken.None));

        Assert.Null(await harness.Store.TryAddFollowUpsAsync(read, window, null, CancellationToken.None));
        var left = (await harness.Store.ListFollowUpsAsync(enrolled.CourseId, CancellationToken.None)).Where(f => f.FollowUpId.StartsWith("window-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(120 - 98, left.Length); // the last transaction: 98 follow-ups, the schedule's invalidation and the course row

        // The extension that wrote them reads the course again, finds it stopped and ends them as the stop does.
        Assert.False(await harness.Courses.ExtendPlanAsync(enrolled.CourseId, harness.Rules, CancellationToken.None));
        var after = await harness.Store.ListFollowUpsAsync(enrolled.CourseId, CancellationToken.None);
        Assert.All(left, l => Assert.Equal(FollowUpState.Cancelled, after.Single(a => a.FollowUpId == l.FollowUpId).State));
    }

    [Fact]
    public async Task An_agenda_row_of_the_earlier_layout_still_gets_its_course_swept_once_and_a_pointer_of_the_new_one()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23)));

        // As the earlier layout left it: no course pointer, one row per follow-up keyed {courseId}|{followUpId}.
        var pointer = Assert.Single(await harness.AllAgendaAsync());
        await harness.Table.DeleteEntityAsync("agenda|" + Enrollments.Date(pointer.Day), pointer.Row);
        var cbc = followUps.Single(f => f.DueDate == new DateOnly(2026, 11, 23) && f.Test == "cbc");
        await harness.Table.AddEntityAsync(new TableEntity("agenda|2026-11-22", course.CourseId + "|" + cbc.FollowUpId) { ["CourseId"] = course.CourseId, ["FollowUpId"] = cbc.FollowUpId, ["DueDate"] = "2026-11-23" });

        harness.SetNow(new DateOnly(2026, 11, 22), 0, 5);
        await harness.SweepAsync();
        await harness.SweepAsync();

        var sent = await harness.ReceiveAsync();
        Assert.Equal(
            followUps.Where(f => f.DueDate == new DateOnly(2026, 11, 23)).Select(f => course.CourseId + ":" + f.FollowUpId + ":upcoming").Order(StringComparer.Ordinal),
            sent.Select(r => r.ReminderId).Order(StringComparer.Ordinal));
        Assert.Contains(await harness.AllAgendaAsync(), a => a.Row == course.CourseId && a.Day > harness.Today);
    }
}
