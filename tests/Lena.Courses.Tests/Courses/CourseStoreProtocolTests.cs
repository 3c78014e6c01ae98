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
}
