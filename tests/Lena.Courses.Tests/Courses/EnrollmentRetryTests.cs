using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Testing;

namespace Lena.Courses.Tests.Courses;

/// <summary>
/// Issue 13, D: an enrollment retry (same Idempotency-Key, so the same course id) that overlaps a reminder
/// sweep's claim must not rewrite the due or agenda row the sweep just claimed.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class EnrollmentRetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_retry_writing_the_same_course_again_keeps_a_claim_a_sweep_made_on_its_rows()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting());
        var target = await harness.FollowUpAsync(followUps[0]);
        var claimed = await harness.Store.TryUpdateFollowUpAsync(target with { ClaimId = "sweep-claim", ClaimedUntil = harness.Clock.GetUtcNow().AddMinutes(10) }, false, CancellationToken.None);
        Assert.NotNull(claimed);

        // The retry arrives with the rows it computed (same course id), as an attempt that checked for the course before it was committed.
        var state = new CourseState(course.CourseId, new CourseTherapy { Phase = TherapyPhase.NotStarted, StartDate = course.StartDate }, 1);
        var enrolled = new TimelineEvent { Sequence = 1, Type = TimelineEventType.Enrolled, On = harness.Today, RecordedAt = harness.Clock.GetUtcNow(), RuleSetVersion = "retry", Therapy = state.Therapy };
        var committed = await harness.NewStore().EnrollAsync(course, followUps, harness.Today, state, enrolled, CancellationToken.None);

        Assert.False(committed);
        var after = await harness.FollowUpAsync(followUps[0]);
        Assert.Equal("sweep-claim", after.ClaimId);
        Assert.Equal(claimed!.ETag, after.ETag);
        Assert.NotEqual("retry", (await harness.Store.ListTimelineAsync(course.CourseId, CancellationToken.None))[0].RuleSetVersion);
    }
}
