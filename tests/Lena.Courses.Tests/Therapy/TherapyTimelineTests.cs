using System.Text.Json;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Dosing;
using Lena.Clinical.Snapshot;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Testing;

namespace Lena.Courses.Tests.Therapy;

/// <summary>
/// A course remembers: each result is judged from its therapy state (API.md "Courses: therapy state,
/// timeline"), every decision lands on the timeline with its rule-set version and inputs, and concurrent
/// writers are serialised (ETag and sequence number).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TherapyTimelineTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Start = new(2026, 10, 24);

    private static LabsInput Cbc(DateOnly takenOn, int platelets, int anc = 1800) => new(JsonSerializer.SerializeToElement(new
    {
        takenOn = takenOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ancPerMicroliter = anc,
        plateletsPerMicroliter = platelets,
    }));

    private static DoseRecommendation Dose(LabsOutcome outcome) => Assert.IsType<DosingResponse>(outcome.Answer?.Response).Dose;

    private static string Json(CourseTherapy therapy) => JsonSerializer.Serialize(therapy, Lena.Clinical.Contract.LenaJson.Options);

    private static JsonElement TherapyInputs(TimelineEvent e) => e.Inputs!.Value.GetProperty("therapy");

    [Fact]
    public async Task An_interrupt_then_a_resume_at_the_lower_dose_are_recorded_and_the_next_CBC_is_judged_at_the_new_dose()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        var therapy = harness.Therapy;

        var held = await therapy.RecordLabsAsync(course, Cbc(harness.Today, 20_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.Interrupt, Dose(held).Action);
        Assert.Equal(TimelineEventType.Interrupted, held.Event!.Type);
        Assert.Equal(InterruptionCause.Thrombocytopenia, held.Event.Therapy.InterruptedFor);
        Assert.Equal(25, held.Event.Therapy.DoseMg);

        harness.SetNow(new DateOnly(2026, 11, 28), 9);
        var resumed = await therapy.RecordLabsAsync(course, Cbc(harness.Today, 40_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.Resume, Dose(resumed).Action);
        Assert.Equal("interrupted", TherapyInputs(resumed.Event!).GetProperty("status").GetString());
        Assert.Equal(TimelineEventType.Resumed, resumed.Event!.Type);
        var lower = resumed.Event.Therapy.DoseMg;
        Assert.True(lower < 25, $"resumed at {lower} mg");

        harness.SetNow(new DateOnly(2026, 12, 5), 9);
        var next = await therapy.RecordLabsAsync(course, Cbc(harness.Today, 150_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.Continue, Dose(next).Action);
        Assert.Equal(lower, Dose(next).DoseMg);
        Assert.Equal(lower, TherapyInputs(next.Event!).GetProperty("currentDoseMg").GetDouble());

        var timeline = await harness.Store.ListTimelineAsync(course.CourseId, CancellationToken.None);
        Assert.Equal([TimelineEventType.Enrolled, TimelineEventType.Interrupted, TimelineEventType.Resumed, TimelineEventType.LabsEvaluated], timeline.Select(e => e.Type));
        Assert.Equal([1, 2, 3, 4], timeline.Select(e => e.Sequence));
        Assert.All(timeline, e => Assert.Equal(harness.Rules.Version, e.RuleSetVersion));
        Assert.All(timeline, e => Assert.False(e.Inputs!.Value.TryGetProperty("patientId", out _), "no direct identifier in the inputs"));

        // The interruption shifts the cycle calendar: 7 days on hold.
        var state = await harness.Store.GetStateAsync(course.CourseId, CancellationToken.None);
        Assert.Equal(new Interruption(new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 28), InterruptionCause.Thrombocytopenia), Assert.Single(state!.Therapy.Interruptions));
        Assert.Equal(Json(timeline[^1].Therapy), Json(state.Therapy));
    }

    [Fact]
    public async Task Results_posted_at_once_give_ordered_events_each_judged_on_the_state_the_one_before_left()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        var recorders = Enumerable.Range(0, 8).Select(_ => new TherapyRecorder(harness.NewStore(), harness.Clock)).ToArray();

        // Alternating holding and recovered counts, all at once, from eight "instances".
        var outcomes = await Task.WhenAll(recorders.Select((r, i) => Task.Run(() =>
            r.RecordLabsAsync(course, Cbc(harness.Today, i % 2 == 0 ? 20_000 : 150_000), harness.Today, null, harness.Rules, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.NotNull(o.Event));
        var timeline = await harness.Store.ListTimelineAsync(course.CourseId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 9), timeline.Select(e => e.Sequence));
        for (var i = 1; i < timeline.Count; i++)
        {
            // Never a lost update: each event was judged on exactly the state its predecessor left.
            var before = timeline[i - 1].Therapy;
            var judged = TherapyInputs(timeline[i]);
            Assert.Equal(before.Phase == TherapyPhase.Interrupted ? "interrupted" : "onTreatment", judged.GetProperty("status").GetString());
            Assert.Equal(before.DoseMg, judged.GetProperty("currentDoseMg").GetDouble());
        }

        Assert.Equal(Json(timeline[^1].Therapy), Json((await harness.Store.GetStateAsync(course.CourseId, CancellationToken.None))!.Therapy));
    }

    [Fact]
    public async Task A_clinicians_dose_change_is_recorded_with_actor_and_reason_and_the_next_CBC_is_judged_at_it()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));

        var (changed, refusal) = await harness.Therapy.ChangeDoseAsync(course, new DoseChange(harness.Today, 15, null, null, "grade 2 fatigue", "onc-nurse-7"), harness.Rules, CancellationToken.None);
        Assert.Null(refusal);
        Assert.Equal(TimelineEventType.DoseChanged, changed!.Type);
        Assert.Equal(("onc-nurse-7", "grade 2 fatigue"), (changed.Actor, changed.Reason));

        var next = await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 150_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(15, TherapyInputs(next.Event!).GetProperty("currentDoseMg").GetDouble());
        Assert.Equal(15, Dose(next).DoseMg);
    }

    [Fact]
    public async Task A_hold_for_both_counts_resumes_at_the_next_lower_dose_and_counts_as_a_neutropenia_hold()
    {
        // PI Dosage Modifications: the same dose after a first neutropenia hold only when neutropenia is the only toxicity.
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        var therapy = harness.Therapy;

        var held = await therapy.RecordLabsAsync(course, Cbc(harness.Today, 20_000, anc: 800), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.Interrupt, Dose(held).Action);
        Assert.Equal(InterruptionCause.Thrombocytopenia, held.Event!.Therapy.InterruptedFor);
        Assert.True(held.Event.Therapy.NeutropeniaAlso);

        harness.SetNow(new DateOnly(2026, 11, 28), 9);
        var resumed = await therapy.RecordLabsAsync(course, Cbc(harness.Today, 40_000, anc: 1500), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.Resume, Dose(resumed).Action);
        Assert.True(resumed.Event!.Therapy.DoseMg < 25, $"resumed at {resumed.Event.Therapy.DoseMg} mg");
        Assert.Equal(1, resumed.Event.Therapy.PreviousNeutropeniaInterruptions);
        Assert.False(resumed.Event.Therapy.NeutropeniaAlso);
    }

    [Fact]
    public async Task A_contraindicated_course_gets_no_dose_from_its_results_nor_from_a_dose_change()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.Modify(Snapshots.Pregnant(), root => root["patientId"] = "pt-preg-01"));
        var enrolled = Assert.Single(await harness.Store.ListTimelineAsync(course.CourseId, CancellationToken.None));
        Assert.Equal(TherapyPhase.NotRecommended, enrolled.Therapy.Phase);
        Assert.Null(enrolled.Therapy.DoseMg);

        var (changed, refusal) = await harness.Therapy.ChangeDoseAsync(course, new DoseChange(harness.Today, 10, null, null, "start anyway", "dr-1"), harness.Rules, CancellationToken.None);
        Assert.Null(changed);
        Assert.Equal(409, refusal!.Status);

        var judged = await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 150_000), harness.Today, null, harness.Rules, CancellationToken.None);
        Assert.Equal(DoseAction.NotRecommended, Dose(judged).Action);
        Assert.Null(Dose(judged).DoseMg);
        Assert.Null(judged.Event!.Therapy.DoseMg);
    }

    [Fact]
    public async Task A_completed_follow_ups_labs_are_the_same_evaluation_and_land_on_the_timeline_once()
    {
        var harness = new CourseHarness(azurite);
        var (course, followUps) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        var cbc = followUps.First(f => f.Test == "cbc" && f.DueDate >= harness.Today);
        harness.SetNow(cbc.DueDate, 10);
        var labs = Cbc(cbc.DueDate, 20_000).Labs;

        var first = await harness.Courses.CompleteAsync(course, await harness.FollowUpAsync(cbc), cbc.DueDate, new CompletionInputs(labs, null, null), harness.Rules, CancellationToken.None);
        var again = await harness.Courses.CompleteAsync(course, (await harness.FollowUpAsync(cbc))!, cbc.DueDate, new CompletionInputs(labs, null, null), harness.Rules, CancellationToken.None);

        Assert.Equal(TimelineEventType.Interrupted, first.Event!.Type);
        Assert.Equal(cbc.FollowUpId, first.Event.FollowUpId);
        Assert.True(first.AlertQueued);
        Assert.Null(again.Event);
        Assert.Equal(first.HoldCheck!.Body, again.HoldCheck!.Body);
        Assert.Equal(2, (await harness.Store.ListTimelineAsync(course.CourseId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task State_fields_the_course_keeps_are_refused_from_a_portal_naming_each()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        var input = Cbc(harness.Today, 150_000) with { Therapy = JsonSerializer.SerializeToElement(new { currentDoseMg = 25, fever38_5C = false }) };

        var outcome = await harness.Therapy.RecordLabsAsync(course, input, harness.Today, null, harness.Rules, CancellationToken.None);

        Assert.Null(outcome.Event);
        Assert.Equal(["therapy.currentDoseMg"], outcome.Answer!.Errors!.ToDictionary().Keys);
    }

    [Fact]
    public async Task After_a_hold_the_CBCs_still_ahead_move_by_its_length_so_monitoring_follows_the_real_cycles()
    {
        var harness = new CourseHarness(azurite);
        var (course, _) = await harness.EnrollAsync(Enrollments.OnTreatment(Start, new DateOnly(2026, 11, 20)));
        static DateOnly[] PendingCbcs(IEnumerable<FollowUpRecord> all) => [.. all.Where(f => f is { Test: "cbc", State: FollowUpState.Pending }).Select(f => f.DueDate).Order()];
        var before = PendingCbcs(await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None));
        var otherBefore = (await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None)).Where(f => f.Test != "cbc").Select(f => f.FollowUpId).Order().ToArray();

        await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 20_000), harness.Today, null, harness.Rules, CancellationToken.None);
        harness.SetNow(new DateOnly(2026, 11, 28), 9);
        var resumed = await harness.Therapy.RecordLabsAsync(course, Cbc(harness.Today, 40_000), harness.Today, null, harness.Rules, CancellationToken.None);
        var moved = await harness.Courses.FollowRealCyclesAsync(course, resumed.Event!, CancellationToken.None);

        var after = await harness.Store.ListFollowUpsAsync(course.CourseId, CancellationToken.None);
        var expected = before.Where(d => d <= harness.Today).Concat(before.Where(d => d > harness.Today).Select(d => d.AddDays(7))).Order().ToArray();
        Assert.Equal(before.Count(d => d > harness.Today), moved);
        Assert.Equal(expected, PendingCbcs(after));
        Assert.Equal(otherBefore, after.Where(f => f.Test != "cbc").Select(f => f.FollowUpId).Order().ToArray());
    }
}
