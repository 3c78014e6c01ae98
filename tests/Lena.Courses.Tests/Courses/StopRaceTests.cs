using System.Text.Json;
using Lena.Courses.Therapy;
using Lena.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Lena.Courses.Tests.Courses;

/// <summary>
/// A stop wins over every writer that adds follow-ups to a course (the plan extension of the reminder sweep, the CBCs
/// moved after a hold): whatever the interleaving, a stopped course has no monitoring follow-up left pending after
/// its stop date, which the portal would show as pending, due or overdue. Each race is forced at one point with a
/// store that runs the stop right before the other writer's write.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class StopRaceTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    [Fact]
    public async Task AStopBetweenAPlanExtensionsReadAndItsWriteLeavesNoFollowUpPendingAfterTheStop()
    {
        var (harness, course, extensionDay) = await OnItsPlanExtensionDayAsync();

        var racing = new StopBeforeWritingStore(harness.NewStore(), () => StopAsync(harness, course.CourseId, extensionDay));
        var swept = await harness.NewSweeper(store: racing).SweepAsync(harness.Rules, CancellationToken.None);

        Assert.Equal(1, racing.Stops);
        Assert.Equal(0, swept.PlansExtended);
        Assert.Equal(course.PlannedThrough, (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!.PlannedThrough);
        await AssertNothingPendingAfterTheStopAsync(harness, course.CourseId, extensionDay);
    }

    [Fact]
    public async Task AStopFromACopyReadBeforeAPlanExtensionStillStopsAndCancelsTheNewWindow()
    {
        var (harness, course, extensionDay) = await OnItsPlanExtensionDayAsync();
        var readByThePortal = (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!;

        Assert.Equal(1, (await harness.SweepAsync()).PlansExtended);
        var stopped = await harness.Courses.StopAsync(readByThePortal, extensionDay, "toxicity", harness.Rules, CancellationToken.None);

        Assert.Equal(CourseStatus.Stopped, stopped?.Status);
        await AssertNothingPendingAfterTheStopAsync(harness, course.CourseId, extensionDay);
    }

    [Fact]
    public async Task AStopBetweenAResumesReadAndTheMoveOfItsCbcsLeavesNoCbcPendingAfterTheStop()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));
        await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 20_000), harness.Today, null, harness.Rules, CancellationToken.None);
        harness.SetNow(new DateOnly(2026, 11, 28), 9);
        var resumed = await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 40_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(Lena.Courses.Timeline.TimelineEventType.Resumed, resumed.Event!.Type);

        var racing = new StopBeforeWritingStore(harness.Store, () => StopAsync(harness, course.CourseId, harness.Today));
        var service = new CourseService(racing, harness.Sender, MsOptions.Create(harness.Options), harness.Clock);
        await service.FollowRealCyclesAsync(course, resumed.Event, CancellationToken.None);

        Assert.Equal(1, racing.Stops);
        await AssertNothingPendingAfterTheStopAsync(harness, course.CourseId, harness.Today);
    }

    /// <summary>A course enrolled and swept, on the day its plan is due to be extended (the sweep's first minutes).</summary>
    private async Task<(CourseHarness Harness, CourseRecord Course, DateOnly ExtensionDay)> OnItsPlanExtensionDayAsync()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.Starting(Start));
        await harness.SweepAsync();
        var extensionDay = course.PlannedThrough.AddDays(-harness.Options.PlanExtensionLeadDays);
        harness.SetNow(extensionDay, 0, 5);
        return (harness, course, extensionDay);
    }

    private static LabsInput Cbc(DateOnly takenOn, int platelets) => new(JsonSerializer.SerializeToElement(new
    {
        takenOn = takenOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ancPerMicroliter = 1800,
        plateletsPerMicroliter = platelets,
    }));

    /// <summary>The stop as <c>POST …/stop</c> makes it: on the course as read now.</summary>
    private static async Task StopAsync(CourseHarness harness, string courseId, DateOnly stoppedOn)
    {
        var current = (await harness.Store.GetCourseAsync(courseId, CancellationToken.None))!;
        Assert.NotNull(await harness.Courses.StopAsync(current, stoppedOn, "toxicity", harness.Rules, CancellationToken.None));
    }

    /// <summary>What the portal would list as pending, due or overdue after the stop date: monitoring follow-ups still pending.</summary>
    private static async Task AssertNothingPendingAfterTheStopAsync(CourseHarness harness, string courseId, DateOnly stoppedOn)
    {
        var course = (await harness.Store.GetCourseAsync(courseId, CancellationToken.None))!;
        Assert.Equal((CourseStatus.Stopped, (DateOnly?)stoppedOn), (course.Status, course.StoppedOn));
        var followUps = await harness.Store.ListFollowUpsAsync(courseId, CancellationToken.None);
        var open = followUps.Where(f => f.State == FollowUpState.Pending && f.DueDate > stoppedOn && !CourseService.IsPostTreatmentDuty(f, harness.Rules));
        Assert.Empty(open.Select(f => $"{f.Test} {f.DueDate:yyyy-MM-dd}"));
        Assert.Contains(followUps, f => CourseService.IsPostTreatmentDuty(f, harness.Rules) && f.State == FollowUpState.Pending);
    }

    /// <summary>Runs the stop once, right before this store's first write of follow-ups to the course (after the writer read it).</summary>
    private sealed class StopBeforeWritingStore(ICourseStore inner, Func<Task> stop) : DelegatingCourseStore(inner)
    {
        public int Stops { get; private set; }

        public override async Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
        {
            await StopOnceAsync();
            await base.AddFollowUpsAsync(followUps, agendaDay, cancellationToken);
        }

        public override async Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
        {
            await StopOnceAsync();
            return await base.TryAddFollowUpsAsync(course, followUps, agendaDay, cancellationToken);
        }

        private async Task StopOnceAsync()
        {
            if (Stops++ == 0)
            {
                await stop();
            }
        }
    }
}
