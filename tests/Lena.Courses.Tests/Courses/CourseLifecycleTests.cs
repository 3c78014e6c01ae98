using System.Text.Json;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Courses;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Courses.Reminders;
using Lena.Testing;

namespace Lena.Courses.Tests.Courses;

/// <summary>Completing follow-ups, stopping courses and extending plans through <see cref="CourseService"/>, against Azurite.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class CourseLifecycleTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<FollowUpRecord> IndexRowAsync(CourseHarness harness, FollowUpRecord followUp) =>
        (await harness.Store.ListFollowUpsAsync(followUp.CourseId, CancellationToken.None)).Single(f => f.FollowUpId == followUp.FollowUpId);

    [Fact]
    public async Task CompletingWithoutLabsRecordsTheDayInBothCopiesAndAnswersNoHoldCheck()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");
        harness.SetNow(new DateOnly(2026, 11, 24), 9);

        var outcome = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), new DateOnly(2026, 11, 23), new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);

        Assert.Null(outcome.HoldCheck);
        Assert.False(outcome.AlertQueued);
        Assert.Equal((FollowUpState.Completed, new DateOnly(2026, 11, 23)), (outcome.FollowUp!.State, outcome.FollowUp.CompletedOn));
        var canonical = await harness.FollowUpAsync(cbc);
        var index = await IndexRowAsync(harness, cbc);
        Assert.Equal((FollowUpState.Completed, (DateOnly?)new DateOnly(2026, 11, 23)), (canonical.State, canonical.CompletedOn));
        Assert.Equal((FollowUpState.Completed, (DateOnly?)new DateOnly(2026, 11, 23)), (index.State, index.CompletedOn));
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task CompletingWithNormalLabsReturnsTheHoldCheckAndQueuesNothing()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start.AddDays(7) && f.Test == "cbc");
        harness.SetNow(Start.AddDays(7), 15);

        var outcome = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), harness.Today,
            new CompletionInputs(Json("""{ "ancPerMicroliter": 2100, "plateletsPerMicroliter": 150000 }"""), null, null), harness.Rules, CancellationToken.None);

        Assert.True(outcome.HoldCheck!.IsSuccess);
        var dose = Assert.IsType<DosingResponse>(outcome.HoldCheck.Response).Dose;
        Assert.Equal(DoseAction.Continue, dose.Action);
        Assert.Equal(course.CurrentDoseMg, dose.DoseMg);
        Assert.False(outcome.AlertQueued);
        Assert.Equal(FollowUpState.Completed, (await harness.FollowUpAsync(cbc)).State);
        Assert.Empty(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task AContraindicatedPatientsHoldCheckGivesNoDoseAsEveryOtherRouteDoes()
    {
        // Issue 11: the course decision agrees with /api/dosing and /api/assessments — hypersensitivity closes the gate.
        var harness = new CourseHarness(azurite);
        var enrolled = Enrollments.Modify(Enrollments.Starting(Start), root => root["history"] = new System.Text.Json.Nodes.JsonObject { ["lenalidomideHypersensitivity"] = true });
        var (course, followUps) = await harness.EnrollAsync(enrolled);
        var cbc = followUps.Single(f => f.DueDate == Start.AddDays(7) && f.Test == "cbc");
        harness.SetNow(Start.AddDays(7), 15);

        var outcome = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), harness.Today,
            new CompletionInputs(Json("""{ "ancPerMicroliter": 2100, "plateletsPerMicroliter": 150000 }"""), null, null), harness.Rules, CancellationToken.None);

        Assert.True(outcome.HoldCheck!.IsSuccess, System.Text.Encoding.UTF8.GetString(outcome.HoldCheck.Body));
        var dosing = Assert.IsType<DosingResponse>(outcome.HoldCheck.Response);
        Assert.Equal(DoseAction.NotRecommended, dosing.Dose.Action);
        Assert.Contains(dosing.Findings, f => f.Code == "hypersensitivity");
        Assert.True(outcome.AlertQueued);
    }

    [Fact]
    public async Task LabsThatMeetAHoldRuleReturnTheHoldAndQueueAnAlertAtOnce()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start.AddDays(14) && f.Test == "cbc");
        harness.SetNow(Start.AddDays(14), 15);

        var outcome = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), harness.Today,
            new CompletionInputs(Json("""{ "ancPerMicroliter": 1900, "plateletsPerMicroliter": 25000 }"""), null, null), harness.Rules, CancellationToken.None);

        var dose = Assert.IsType<DosingResponse>(outcome.HoldCheck!.Response).Dose;
        Assert.Equal(DoseAction.Interrupt, dose.Action);
        Assert.True(outcome.AlertQueued);
        Assert.Equal(FollowUpState.Completed, outcome.FollowUp!.State);

        // Queued now, not at the next sweep.
        var alert = Assert.Single(await harness.ReceiveAsync());
        Assert.Equal(
            (course.CourseId + ":" + cbc.FollowUpId + ":alert", course.CourseId, course.PatientId, cbc.FollowUpId, "cbc", Enrollments.Date(cbc.DueDate), "alert"),
            (alert.ReminderId, alert.CourseId, alert.PatientId, alert.FollowUpId, alert.Test, alert.DueDate, alert.Kind));
        Assert.Equal(QueuedReminder.ContractProperties, alert.Properties);
        Assert.False(string.IsNullOrWhiteSpace(alert.Message));
    }

    [Fact]
    public async Task LabsThatDoNotValidateLeaveTheFollowUpPendingAndNameTheField()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        var cbc = followUps.Single(f => f.DueDate == Start && f.Test == "cbc");
        harness.SetNow(Start, 15);

        var outcome = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), harness.Today,
            new CompletionInputs(Json("""{ "ancPerMicroliter": 1900, "plateletsPerMicroliter": 42 }"""), null, null), harness.Rules, CancellationToken.None);

        Assert.Null(outcome.FollowUp);
        Assert.Equal(400, outcome.HoldCheck!.Status);
        using var problem = JsonDocument.Parse(outcome.HoldCheck.Body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("labs.plateletsPerMicroliter", out _), problem.RootElement.ToString());
        Assert.Equal(FollowUpState.Pending, (await harness.FollowUpAsync(cbc)).State);
        Assert.Empty(await harness.ReceiveAsync());
    }

    public static TheoryData<string, string[]> Duties => new()
    {
        { "femaleOfReproductivePotential", ["remsBloodDonation", "remsContraception"] },
        { "male", ["remsBloodDonation", "remsCondomUse"] },
        { "femaleNotOfReproductivePotential", ["remsBloodDonation"] },
    };

    [Theory]
    [MemberData(nameof(Duties))]
    public async Task StoppingCancelsFutureFollowUpsKeepsPastOnesAndAddsTheRemsDutiesFourWeeksOn(string patient, string[] duties)
    {
        var harness = new CourseHarness(azurite);
        var json = patient switch
        {
            "femaleOfReproductivePotential" => Enrollments.FemaleOfReproductivePotential(Start),
            "male" => Enrollments.Male(Start),
            _ => Enrollments.Starting(Start),
        };
        var (course, followUps) = await harness.EnrollAsync(json);
        var stoppedOn = new DateOnly(2027, 1, 4);
        harness.SetNow(stoppedOn.AddDays(1), 10);
        var done = followUps.First(f => f.DueDate < stoppedOn);
        await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(done), done.DueDate, new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);

        var current = (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!;
        var stopped = await harness.Courses.StopAsync(current, stoppedOn, "toxicity", harness.Rules, CancellationToken.None);

        Assert.Equal((CourseStatus.Stopped, (DateOnly?)stoppedOn, "toxicity"), (stopped!.Status, stopped.StoppedOn, stopped.StopReason));
        var after = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        foreach (var followUp in followUps)
        {
            var index = after.Single(f => f.FollowUpId == followUp.FollowUpId);
            var canonical = await harness.FollowUpAsync(followUp);
            var expected = followUp.FollowUpId == done.FollowUpId ? FollowUpState.Completed
                : followUp.DueDate > stoppedOn ? FollowUpState.Cancelled
                : FollowUpState.Pending;
            Assert.Equal((expected, expected), (canonical.State, index.State));
        }

        var added = after.Where(f => followUps.All(p => p.FollowUpId != f.FollowUpId)).OrderBy(f => f.Test, StringComparer.Ordinal).ToArray();
        Assert.Equal(duties, added.Select(f => f.Test).ToArray());
        Assert.All(added, f => Assert.Equal((stoppedOn.AddDays(28), FollowUpState.Pending), (f.DueDate, f.State)));
        // The course is on an agenda no later than the duties' upcoming reminder (a day before they are due).
        var agenda = await harness.AllAgendaAsync();
        Assert.Contains(agenda, a => a.Row == course.CourseId && a.Day <= stoppedOn.AddDays(27));
    }

    [Fact]
    public async Task StoppingOnADayBeforeTheEnrollmentLabsStillAddsTheDuties()
    {
        // Enrolled on treatment with labs from 2026-11-20; the last dose was in fact on 2026-11-01.
        var harness = new CourseHarness(azurite);
        var (enrolled, _) = await harness.EnrollAsync(Enrollments.OnTreatment(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 20)));
        var course = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;
        var stoppedOn = new DateOnly(2026, 11, 1);

        Assert.NotNull(await harness.Courses.StopAsync(course, stoppedOn, "progression", harness.Rules, CancellationToken.None));

        var duties = (await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None)).Where(f => f.Test.StartsWith("rems", StringComparison.Ordinal)).ToArray();
        Assert.Equal([("remsBloodDonation", new DateOnly(2026, 11, 29))], duties.Select(d => (d.Test, d.DueDate)).ToArray());
    }

    [Fact]
    public async Task StoppingWithAStaleCourseChangesNothing()
    {
        var harness = new CourseHarness(azurite);
        var (enrolled, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        harness.SetNow(Start, 10);
        var course = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;
        var first = await harness.Courses.StopAsync(course, Start, "patient choice", harness.Rules, CancellationToken.None);
        Assert.NotNull(first);

        // The copy read before the stop is out of date now (its ETag no longer matches).
        Assert.Null(await harness.Courses.StopAsync(course, Start.AddDays(1), "again", harness.Rules, CancellationToken.None));
        var stored = await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None);
        Assert.Equal((Start, "patient choice"), (stored!.StoppedOn!.Value, stored.StopReason));
        Assert.Single(await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None), f => f.Test == "remsBloodDonation");
        Assert.True(followUps.Count > 1);
    }

    [Fact]
    public async Task StoppingWhileASweepClaimsAFutureFollowUpStillCancelsIt()
    {
        var harness = new CourseHarness(azurite);
        var (enrolled, followUps) = await harness.EnrollAsync(Enrollments.Starting(Start));
        harness.SetNow(Start, 10);
        var course = (await harness.Store.GetCourseAsync(enrolled.CourseId, CancellationToken.None))!;

        // Every follow-up the stop reads is claimed by a reminder sweep right after the read.
        var racing = new ClaimRacingStore(harness.Store, harness.Clock);
        var service = new CourseService(racing, harness.Sender, Microsoft.Extensions.Options.Options.Create(harness.Options), harness.Clock);
        Assert.NotNull(await service.StopAsync(course, Start, "toxicity", harness.Rules, CancellationToken.None));

        Assert.True(racing.Claims > 0);
        foreach (var followUp in followUps.Where(f => f.DueDate > Start))
        {
            Assert.Equal(FollowUpState.Cancelled, (await harness.FollowUpAsync(followUp)).State);
        }
    }

    [Fact]
    public async Task TheSweepExtendsThePlanBeforeItRunsOut()
    {
        var harness = new CourseHarness(azurite);
        var json = Enrollments.Starting(Start);
        var (course, followUps) = await harness.EnrollAsync(json);
        await harness.SweepAsync();
        var extensionDay = course.PlannedThrough.AddDays(-harness.Options.PlanExtensionLeadDays);

        harness.SetNow(extensionDay.AddDays(-1), 12);
        Assert.Equal(0, (await harness.SweepAsync()).PlansExtended);
        harness.SetNow(extensionDay, 0, 5);
        Assert.Equal(1, (await harness.SweepAsync()).PlansExtended);

        var extended = (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!;
        var newThrough = course.PlannedThrough.AddDays(harness.Options.PlanWindowDays);
        Assert.Equal(newThrough, extended.PlannedThrough);

        var snapshot = EnrollmentParser.Parse(json, harness.Rules, harness.Today).Snapshot!;
        var expected = CoursePlanner.Plan(PatientContext.Create(snapshot, harness.Rules, harness.Today), course.PlannedThrough, newThrough);
        Assert.NotEmpty(expected);
        var all = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        var added = all.Where(f => f.DueDate > course.PlannedThrough).Select(f => (f.FollowUpId, f.Test, f.DueDate)).Order().ToArray();
        Assert.Equal(expected.Select(e => (e.Id, e.Test, e.DueDate)).Order().ToArray(), added);
        Assert.Equal(followUps.Count + expected.Count, all.Count);
        foreach (var item in expected)
        {
            Assert.NotNull(await harness.Store.GetFollowUpAsync(course.CourseId, item.Id, item.DueDate, CancellationToken.None));
        }

        // The course's pointer moved past today, and no later than the next extension.
        var agenda = (await harness.AllAgendaAsync()).Where(a => a.Row == course.CourseId).ToArray();
        Assert.NotEmpty(agenda);
        Assert.All(agenda, a => Assert.InRange(a.Day, extensionDay.AddDays(1), newThrough.AddDays(-harness.Options.PlanExtensionLeadDays)));

        // A rerun extends nothing twice.
        Assert.Equal(0, (await harness.SweepAsync()).PlansExtended);
        Assert.Equal(newThrough, (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!.PlannedThrough);
    }

    /// <summary>
    /// A sweep that dies while extending a plan (storage down, instance recycled) must not leave a window without
    /// follow-ups: the window's follow-ups and the course row, which says how far the plan reaches, are one transaction.
    /// </summary>
    [Theory]
    [InlineData("before the window's transaction")]
    [InlineData("after it")]
    public async Task ASweepThatDiesWhileExtendingThePlanLeavesNoGap(string when)
    {
        var harness = new CourseHarness(azurite);
        var json = Enrollments.Starting(Start);
        var (course, followUps) = await harness.EnrollAsync(json);
        await harness.SweepAsync();
        var extensionDay = course.PlannedThrough.AddDays(-harness.Options.PlanExtensionLeadDays);
        harness.SetNow(extensionDay, 0, 5);
        var before = when.StartsWith("before", StringComparison.Ordinal);

        var dying = new DyingStore(harness.NewStore(), before);
        await Assert.ThrowsAsync<IOException>(() => harness.NewSweeper(store: dying).SweepAsync(harness.Rules, CancellationToken.None));
        var newThrough = course.PlannedThrough.AddDays(harness.Options.PlanWindowDays);
        Assert.Equal(before ? course.PlannedThrough : newThrough, (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!.PlannedThrough);

        harness.SetNow(extensionDay, 6, 5);
        Assert.Equal(before ? 1 : 0, (await harness.SweepAsync()).PlansExtended);

        var snapshot = EnrollmentParser.Parse(json, harness.Rules, harness.Today).Snapshot!;
        var expected = CoursePlanner.Plan(PatientContext.Create(snapshot, harness.Rules, harness.Today), course.PlannedThrough, newThrough);
        var all = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        Assert.Equal(newThrough, (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!.PlannedThrough);
        Assert.Equal(expected.Select(e => e.Id).Order(StringComparer.Ordinal), all.Where(f => f.DueDate > course.PlannedThrough).Select(f => f.FollowUpId).Order(StringComparer.Ordinal));
        Assert.Equal(followUps.Count + expected.Count, all.Count);
    }

    /// <summary>Fails the plan extension once, before or after its transaction, as a crashed instance would.</summary>
    private sealed class DyingStore(ICourseStore inner, bool before) : DelegatingCourseStore(inner)
    {
        public override async Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
        {
            if (!before)
            {
                await base.TryAddFollowUpsAsync(course, followUps, agendaDay, cancellationToken);
            }

            throw new IOException("The instance died.");
        }
    }

    [Fact]
    public async Task ACourseNeverRunsOutOfFollowUps()
    {
        // Short windows so that a simulated 15 months of weekly sweeps cross many extensions.
        var harness = new CourseHarness(azurite, new ReminderOptions { PlanWindowDays = 60, PlanExtensionLeadDays = 20 });
        var json = Enrollments.Starting(Start);
        var (course, _) = await harness.EnrollAsync(json);
        var extensions = 0;
        for (var day = harness.Today.AddDays(1); day <= new DateOnly(2028, 2, 20); day = day.AddDays(7))
        {
            harness.SetNow(day, 3);
            extensions += (await harness.SweepAsync()).PlansExtended;
            var current = (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!;
            Assert.True(current.PlannedThrough > day.AddDays(harness.Options.PlanExtensionLeadDays), $"on {day} the plan reached only {current.PlannedThrough}");
        }

        Assert.True(extensions >= 7, $"{extensions} extensions");
        await harness.ReceiveAsync();

        // The windows join without gaps or repeats: the same follow-ups as one plan over the whole span.
        var final = (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!;
        var snapshot = EnrollmentParser.Parse(json, harness.Rules, harness.Today).Snapshot!;
        var whole = CoursePlanner.Plan(PatientContext.Create(snapshot, harness.Rules, harness.Today), null, final.PlannedThrough);
        var stored = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        Assert.Equal(whole.Select(w => w.Id).Order(StringComparer.Ordinal), stored.Select(s => s.FollowUpId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AStoppedCourseIsNotExtended()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.Starting(Start));
        await harness.SweepAsync();
        harness.SetNow(Start, 9);
        await harness.Courses.StopAsync((await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!, Start, "toxicity", harness.Rules, CancellationToken.None);
        var count = (await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None)).Count;

        harness.SetNow(course.PlannedThrough.AddDays(-harness.Options.PlanExtensionLeadDays), 1);
        await harness.SweepAsync();

        Assert.Equal(course.PlannedThrough, (await harness.Store.GetCourseAsync(course.CourseId, CancellationToken.None))!.PlannedThrough);
        Assert.Equal(count, (await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None)).Count);
    }

    /// <summary>A store whose every follow-up read is followed at once by a sweep's claim on that row (the read copy goes stale).</summary>
    private sealed class ClaimRacingStore(ICourseStore inner, TimeProvider clock) : DelegatingCourseStore(inner)
    {
        private readonly HashSet<string> _raced = new(StringComparer.Ordinal);

        public int Claims { get; private set; }

        public override async Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken)
        {
            var read = await Inner.GetFollowUpAsync(courseId, followUpId, dueDate, cancellationToken);
            if (read is { State: FollowUpState.Pending, ClaimId: null } && _raced.Add(followUpId))
            {
                var claimed = await Inner.TryUpdateFollowUpAsync(read with { ClaimId = courseId + ":" + followUpId + ":upcoming", ClaimedUntil = clock.GetUtcNow().AddMinutes(10) }, false, cancellationToken);
                Claims += claimed is null ? 0 : 1;
            }

            return read;
        }
    }
}
