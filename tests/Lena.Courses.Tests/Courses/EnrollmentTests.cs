using Lena.Clinical.Contract;
using Lena.Clinical.Courses;
using Lena.Clinical.Derived;
using Lena.Clinical.Monitoring;
using Lena.Testing;

namespace Lena.Courses.Tests.Courses;

[Collection(AzuriteFixture.CollectionName)]
public sealed class EnrollmentTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Patients => ["sample", "femaleOfReproductivePotential", "male", "onTreatment"];

    private static byte[] SnapshotOf(string name) => name switch
    {
        "sample" => Enrollments.Starting(),
        "femaleOfReproductivePotential" => Enrollments.FemaleOfReproductivePotential(),
        "male" => Enrollments.Male(),
        "onTreatment" => Enrollments.OnTreatment(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 20)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Patients))]
    public async Task StoresExactlyThePlannersScheduleForTheSnapshotAndWindow(string patient)
    {
        var harness = new CourseHarness(azurite);
        var json = SnapshotOf(patient);
        var (course, returned) = await harness.EnrollAsync(json);

        // The same snapshot and window, planned again: by the course planner and by the monitoring planner.
        var snapshot = EnrollmentParser.Parse(json, harness.Rules, harness.Today).Snapshot!;
        var context = PatientContext.Create(snapshot, harness.Rules, harness.Today);
        var start = snapshot.Therapy.StartDate!.Value;
        var expectedThrough = (start > harness.Today ? start : harness.Today).AddDays(harness.Options.PlanWindowDays);
        Assert.Equal(expectedThrough, course.PlannedThrough);

        var planned = CoursePlanner.Plan(context, null, course.PlannedThrough);
        var monitoring = MonitoringPlanner.Plan(context, course.PlannedThrough.DayNumber - start.DayNumber).Checks
            .Select(c => (Test: LenaJson.WireName(c.Test), c.DueDate))
            .ToArray();
        Assert.NotEmpty(planned);
        Assert.Equal(monitoring, planned.Select(p => (p.Test, p.DueDate)).ToArray());

        var expected = planned.Select(p => (p.Id, p.Test, p.DueDate, p.Reason)).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, returned.Select(f => (f.FollowUpId, f.Test, f.DueDate, f.Reason)).OrderBy(p => p.FollowUpId, StringComparer.Ordinal).ToArray());

        // The per-course index (the portal's view) and the canonical dated rows hold the same schedule.
        var index = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        Assert.Equal(expected, index.Select(f => (f.FollowUpId, f.Test, f.DueDate, f.Reason)).OrderBy(p => p.FollowUpId, StringComparer.Ordinal).ToArray());
        foreach (var item in planned)
        {
            var row = await harness.Store.GetFollowUpAsync(course.CourseId, item.Id, item.DueDate, CancellationToken.None);
            Assert.NotNull(row);
            Assert.Equal((FollowUpState.Pending, item.Test, snapshot.PatientId), (row.State, row.Test, row.PatientId));
            Assert.Null(row.UpcomingSentAt);
            Assert.Equal(0, row.OverdueSent);
        }

        var stored = await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((CourseStatus.Active, snapshot.PatientId, start, harness.Rules.Version, expectedThrough),
            (stored.Status, stored.PatientId, stored.StartDate, stored.RuleSetVersion, stored.PlannedThrough));
    }

    [Fact]
    public async Task PutsTheCourseOnTheAgendaOfItsFirstUpcomingReminderOnce()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting());

        // One pointer per course, on the day of its earliest reminder: the upcoming one, a lead time (24 h) before the
        // first due date (never before today). The sweep moves it on from there, up to the plan's extension.
        var agenda = await harness.AllAgendaAsync();
        var first = followUps.Min(f => f.DueDate).AddDays(-1);
        Assert.Equal([(first < harness.Today ? harness.Today : first, course.CourseId)], agenda);
        Assert.True(agenda[0].Day < course.PlannedThrough.AddDays(-harness.Options.PlanExtensionLeadDays));
    }

    [Fact]
    public async Task AFollowUpDueBeforeEnrollmentIsStillOnAnAgendaTheSweepWillRead()
    {
        // Enrolled after today's sweep already ran: the course starts today (day-0 CBC due today),
        // and a woman of reproductive potential has pregnancy tests dated before the start.
        var harness = new CourseHarness(azurite);
        await harness.SweepAsync();
        var (course, followUps) = await harness.EnrollAsync(Enrollments.FemaleOfReproductivePotential(harness.Today));
        Assert.Contains(followUps, f => f.DueDate == harness.Today && f.Test == "cbc");

        var agenda = await harness.AllAgendaAsync();
        var (watermark, _) = await harness.Store.GetWatermarkAsync(CancellationToken.None);
        Assert.Equal(harness.Today, watermark);
        var day = agenda.Single(a => a.Row == course.CourseId).Day;
        Assert.True(day >= watermark, $"the course is on the agenda of {day}, before the sweep watermark {watermark}: it would never be reminded");
        Assert.Equal(harness.Today, day); // Its day-0 CBC is due today: looked at today.
        Assert.All(followUps, f => Assert.True(f.Remind, f.FollowUpId));
    }
}
