using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Monitoring;

/// <summary>CLINICAL.md §5: every row of the monitoring table, as days after therapy.startDate.</summary>
public class MonitoringScheduleTests
{
    private static readonly DateOnly Start = new(2026, 11, 23);
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static readonly int[] WeeklyFirstEightWeeks = [0, 7, 14, 21, 28, 35, 42, 49, 56];
    private static readonly int[] Every28From84To364 = [84, 112, 140, 168, 196, 224, 252, 280, 308, 336, 364];

    private static PatientSnapshot Snapshot(
        Indication indication = Indication.MultipleMyeloma,
        Sex sex = Sex.Male,
        bool reproductivePotential = false,
        bool irregularCycles = false,
        int age = 60,
        double? crCl = 90,
        bool onDialysis = false,
        TherapyStatus status = TherapyStatus.Starting,
        DateOnly? start = null,
        int? horizonDays = null) => new()
        {
            Indication = indication,
            Sex = sex,
            AgeYears = age,
            WeightKg = 70,
            FemaleOfReproductivePotential = reproductivePotential,
            IrregularMenstrualCycles = irregularCycles,
            Renal = new RenalFunction { CreatinineClearanceMlPerMin = crCl, OnDialysis = onDialysis },
            Therapy = new TherapyState { Status = status, StartDate = start ?? Start },
            HorizonDays = horizonDays,
        };

    private static MonitoringPlan Plan(PatientSnapshot snapshot, DateOnly? today = null) =>
        MonitoringPlanner.Plan(PatientContext.Create(snapshot, RuleSetDocument.Default, today ?? Today));

    private static int[] Days(MonitoringPlan plan, MonitoringTest test, DateOnly? start = null) =>
        plan.Checks.Where(c => c.Test == test).Select(c => c.DueDate.DayNumber - (start ?? Start).DayNumber).ToArray();

    public static TheoryData<Indication, int[]> CbcDaysByIndication()
    {
        int[] myeloma = [.. WeeklyFirstEightWeeks, 70, .. Every28From84To364];
        int[] monthly = [.. WeeklyFirstEightWeeks, .. Every28From84To364];
        int[] lymphoma = [.. WeeklyFirstEightWeeks, 70, 84, 98, 112, 140, 168, 196, 224, 252, 280, 308, 336, 364];
        return new TheoryData<Indication, int[]>
        {
            { Indication.MultipleMyeloma, myeloma },
            { Indication.MultipleMyelomaMaintenance, monthly },
            { Indication.MdsDel5q, monthly },
            { Indication.MdsNonDel5q, monthly },
            { Indication.Cll, monthly },
            { Indication.MantleCellLymphoma, lymphoma },
            { Indication.FollicularLymphoma, lymphoma },
            { Indication.MarginalZoneLymphoma, lymphoma },
        };
    }

    [Theory]
    [MemberData(nameof(CbcDaysByIndication))]
    public void Cbc_is_weekly_to_day_56_then_follows_the_indications_own_continuation(Indication indication, int[] expectedDays)
    {
        var plan = Plan(Snapshot(indication));

        Assert.Equal(expectedDays, Days(plan, MonitoringTest.Cbc));
    }

    [Theory]
    [InlineData(Indication.MultipleMyeloma)]
    [InlineData(Indication.MdsDel5q)]
    [InlineData(Indication.MantleCellLymphoma)]
    [InlineData(Indication.Cll)]
    public void Liver_function_is_checked_on_day_0_and_42_then_every_91_days_after_day_42(Indication indication)
    {
        var plan = Plan(Snapshot(indication));

        Assert.Equal([0, 42, 133, 224, 315], Days(plan, MonitoringTest.LiverFunction));
    }

    [Theory]
    [InlineData(Indication.MultipleMyeloma)]
    [InlineData(Indication.FollicularLymphoma)]
    public void Thyroid_function_is_checked_on_day_0_then_every_91_days(Indication indication)
    {
        var plan = Plan(Snapshot(indication));

        Assert.Equal([0, 91, 182, 273, 364], Days(plan, MonitoringTest.ThyroidFunction));
    }

    [Theory]
    [InlineData(65, 90.0, false, "every28")]
    [InlineData(80, 90.0, false, "every28")]
    [InlineData(64, 59.9, false, "every28")]
    [InlineData(40, 25.0, false, "every28")]
    [InlineData(64, null, true, "every28")]
    [InlineData(64, 60.0, false, "every91")]
    [InlineData(18, 120.0, false, "every91")]
    public void Renal_function_is_checked_every_28_days_at_age_65_or_CrCl_below_60_else_every_91(int age, double? crCl, bool onDialysis, string expected)
    {
        var plan = Plan(Snapshot(age: age, crCl: crCl, onDialysis: onDialysis));

        int[] every28 = [0, 28, 56, 84, 112, 140, 168, 196, 224, 252, 280, 308, 336, 364];
        int[] every91 = [0, 91, 182, 273, 364];
        Assert.Equal(expected == "every28" ? every28 : every91, Days(plan, MonitoringTest.RenalFunction));
    }

    [Fact]
    public void Renal_risk_counts_a_Cockcroft_Gault_clearance_below_60()
    {
        // (140 − 60) × 50 ÷ (72 × 1.2) = 46.2 mL/min.
        var snapshot = Snapshot() with { WeightKg = 50, Renal = new RenalFunction { SerumCreatinineMgPerDl = 1.2 } };

        Assert.Equal([0, 28, 56, 84], Days(Plan(snapshot), MonitoringTest.RenalFunction).Take(4));
    }

    [Fact]
    public void A_female_of_reproductive_potential_is_tested_before_start_weekly_for_4_weeks_then_every_28_days()
    {
        var plan = Plan(Snapshot(sex: Sex.Female, reproductivePotential: true));

        Assert.Equal(
            [-10, -1, 7, 14, 21, 28, 56, 84, 112, 140, 168, 196, 224, 252, 280, 308, 336, 364],
            Days(plan, MonitoringTest.PregnancyTest));
    }

    [Fact]
    public void Irregular_menstrual_cycles_make_pregnancy_tests_every_14_days_after_the_first_month()
    {
        var plan = Plan(Snapshot(sex: Sex.Female, reproductivePotential: true, irregularCycles: true));

        int[] every14 = Enumerable.Range(0, 24).Select(i => 42 + (14 * i)).Where(d => d <= 365).ToArray();
        Assert.Equal([-10, -1, 7, 14, 21, 28, .. every14], Days(plan, MonitoringTest.PregnancyTest));
        Assert.Equal(364, every14[^1]);
    }

    [Theory]
    [InlineData(Sex.Male, false, false)]
    [InlineData(Sex.Female, false, false)]
    [InlineData(Sex.Female, false, true)]
    public void Males_and_females_not_of_reproductive_potential_get_no_pregnancy_tests(Sex sex, bool reproductivePotential, bool irregularCycles)
    {
        var plan = Plan(Snapshot(sex: sex, reproductivePotential: reproductivePotential, irregularCycles: irregularCycles));

        Assert.Empty(Days(plan, MonitoringTest.PregnancyTest));
        Assert.DoesNotContain(plan.Rules, r => r.Test == MonitoringTest.PregnancyTest);
    }

    [Fact]
    public void Pregnancy_tests_before_the_first_dose_are_dated_before_the_start_date()
    {
        var plan = Plan(Snapshot(sex: Sex.Female, reproductivePotential: true));

        var first = plan.Checks[0];
        Assert.Equal(MonitoringTest.PregnancyTest, first.Test);
        Assert.Equal(new DateOnly(2026, 11, 13), first.DueDate);
        Assert.Contains(plan.Checks, c => c.Test == MonitoringTest.PregnancyTest && c.DueDate == new DateOnly(2026, 11, 22));
    }

    [Theory]
    [InlineData(Indication.MdsDel5q)]
    [InlineData(Indication.MdsNonDel5q)]
    public void Mds_response_is_assessed_on_day_56_and_day_112(Indication indication)
    {
        var plan = Plan(Snapshot(indication));

        Assert.Equal([56, 112], Days(plan, MonitoringTest.ResponseAssessment));
        Assert.Contains(plan.Rules, r => r.Test == MonitoringTest.ResponseAssessment && r.Citations.Count > 0);
    }

    [Theory]
    [InlineData(Indication.MultipleMyeloma)]
    [InlineData(Indication.MultipleMyelomaMaintenance)]
    [InlineData(Indication.MantleCellLymphoma)]
    [InlineData(Indication.FollicularLymphoma)]
    [InlineData(Indication.MarginalZoneLymphoma)]
    [InlineData(Indication.Cll)]
    public void Other_indications_have_no_scheduled_response_assessment(Indication indication)
    {
        Assert.Empty(Days(Plan(Snapshot(indication)), MonitoringTest.ResponseAssessment));
    }

    [Fact]
    public void While_interrupted_a_cbc_is_due_every_week_from_today()
    {
        // Day 100 of myeloma therapy: the start-based CBCs fall on days 84 and 112.
        var start = Today.AddDays(-100);
        var plan = Plan(Snapshot(status: TherapyStatus.Interrupted, start: start));

        var cbc = Days(plan, MonitoringTest.Cbc, start);
        Assert.Subset(cbc.ToHashSet(), new HashSet<int> { 107, 114, 121, 128 });
        Assert.Contains(112, cbc);
        Assert.DoesNotContain(plan.Checks, c => c.Test == MonitoringTest.Cbc && c.DueDate > Today && c.DueDate < Today.AddDays(7));
    }

    [Fact]
    public void Without_an_interruption_there_are_no_extra_weekly_cbcs()
    {
        var start = Today.AddDays(-100);
        var plan = Plan(Snapshot(status: TherapyStatus.OnTreatment, start: start));

        Assert.DoesNotContain(107, Days(plan, MonitoringTest.Cbc, start));
    }

    [Fact]
    public void While_interrupted_late_in_therapy_the_weekly_cbcs_are_still_scheduled()
    {
        // Day 400 of therapy: beyond the default 365-day horizon counted from the start date.
        var start = Today.AddDays(-400);
        var plan = Plan(Snapshot(status: TherapyStatus.Interrupted, start: start));

        var weekly = plan.Checks.Where(c => c.Test == MonitoringTest.Cbc && c.DueDate > Today).Select(c => c.DueDate).ToArray();
        Assert.Equal([Today.AddDays(7), Today.AddDays(14), Today.AddDays(21), Today.AddDays(28)], weekly);
    }

    [Fact]
    public void The_same_test_on_the_same_day_is_one_check()
    {
        // Day 49: the weekly-while-interrupted CBCs (days 56, 63, 70, 77) meet the day-56 and day-70 CBCs.
        var start = Today.AddDays(-49);
        var plan = Plan(Snapshot(status: TherapyStatus.Interrupted, start: start));

        var cbc = Days(plan, MonitoringTest.Cbc, start);
        Assert.Equal(cbc.Distinct().Count(), cbc.Length);
        Assert.Equal([0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 112], cbc.Take(14));
        Assert.Equal(plan.Checks.Count, plan.Checks.Select(c => (c.Test, c.DueDate)).Distinct().Count());
    }

    [Fact]
    public void Overlapping_series_of_one_test_in_a_rule_set_yield_one_check_per_day()
    {
        var defaults = RuleSetDocument.Default;
        var duplicate = defaults.Monitoring.Series.First(s => s.Id == "thyroid") with { Id = "thyroid-again" };
        var rules = defaults with { Monitoring = defaults.Monitoring with { Series = [.. defaults.Monitoring.Series, duplicate] } };

        var plan = MonitoringPlanner.Plan(PatientContext.Create(Snapshot(), rules, Today));

        Assert.Equal([0, 91, 182, 273, 364], Days(plan, MonitoringTest.ThyroidFunction));
    }

    [Fact]
    public void Checks_are_sorted_by_due_date_then_by_test_name()
    {
        var plan = Plan(Snapshot(Indication.MdsDel5q, Sex.Female, reproductivePotential: true, age: 70));

        var keys = plan.Checks.Select(c => (c.DueDate, Name: LenaJson.WireName(c.Test))).ToList();
        var sorted = keys.OrderBy(k => k.DueDate).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, keys);

        // Day 0: cbc, liverFunction, renalFunction, thyroidFunction in that order.
        Assert.Equal(
            [MonitoringTest.Cbc, MonitoringTest.LiverFunction, MonitoringTest.RenalFunction, MonitoringTest.ThyroidFunction],
            plan.Checks.Where(c => c.DueDate == Start).Select(c => c.Test));

        // Day 56: cbc, pregnancyTest, renalFunction, responseAssessment.
        Assert.Equal(
            [MonitoringTest.Cbc, MonitoringTest.PregnancyTest, MonitoringTest.RenalFunction, MonitoringTest.ResponseAssessment],
            plan.Checks.Where(c => c.DueDate == Start.AddDays(56)).Select(c => c.Test));
    }

    [Fact]
    public void The_default_horizon_is_365_days_inclusive()
    {
        var plan = Plan(Snapshot());

        Assert.Equal(Start.AddDays(364), plan.Checks.Max(c => c.DueDate));
        Assert.All(plan.Checks, c => Assert.True(c.DueDate <= Start.AddDays(365)));
    }

    [Fact]
    public void A_horizon_includes_a_check_on_its_last_day_and_nothing_after()
    {
        var plan = Plan(Snapshot(horizonDays: 84));

        Assert.Equal([.. WeeklyFirstEightWeeks, 70, 84], Days(plan, MonitoringTest.Cbc));
        Assert.Equal([0, 42], Days(plan, MonitoringTest.LiverFunction));
        Assert.Equal(Start.AddDays(84), plan.Checks.Max(c => c.DueDate));
    }

    [Fact]
    public void The_maximum_horizon_of_730_days_plans_two_years()
    {
        var plan = Plan(Snapshot(horizonDays: 730));

        Assert.Equal(728, Days(plan, MonitoringTest.Cbc)[^1]);
        Assert.Equal([0, 91, 182, 273, 364, 455, 546, 637, 728], Days(plan, MonitoringTest.ThyroidFunction));
        Assert.Equal([0, 42, 133, 224, 315, 406, 497, 588, 679], Days(plan, MonitoringTest.LiverFunction));
    }

    [Theory]
    [InlineData(731)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_horizon_outside_1_to_730_days_is_a_400_naming_horizonDays(int horizon)
    {
        var reply = EvaluatorRequests.Post(Concern.MonitoringSchedule, EvaluatorRequests.Patient().Set("horizonDays", horizon));

        Assert.Contains("730", reply.ErrorAt("horizonDays"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_response_dates_every_check_as_an_iso_date()
    {
        var reply = EvaluatorRequests.Post(Concern.MonitoringSchedule, EvaluatorRequests.Patient().Set("horizonDays", 91));

        var body = reply.Ok;
        var checks = body.GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("test").GetString()} {c.GetProperty("dueDate").GetString()}")
            .ToArray();
        Assert.Equal(
            [
                "cbc 2026-11-23", "liverFunction 2026-11-23", "renalFunction 2026-11-23", "thyroidFunction 2026-11-23",
                "cbc 2026-11-30", "cbc 2026-12-07", "cbc 2026-12-14", "cbc 2026-12-21", "cbc 2026-12-28",
                "cbc 2027-01-04", "liverFunction 2027-01-04", "cbc 2027-01-11", "cbc 2027-01-18",
                "cbc 2027-02-01", "cbc 2027-02-15", "renalFunction 2027-02-22", "thyroidFunction 2027-02-22",
            ],
            checks);
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("reason").GetString())));
        Assert.Equal("2026.12.1", body.GetProperty("ruleSetVersion").GetString());
    }

    [Fact]
    public void Every_scheduled_test_has_a_cited_rule()
    {
        var reply = EvaluatorRequests.Post(Concern.MonitoringSchedule, EvaluatorRequests.Woman("mdsDel5q"));

        var body = reply.Ok;
        var tested = body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("test").GetString()).Distinct().Order().ToArray();
        var rules = body.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(tested, rules.Select(r => r.GetProperty("test").GetString()).Order().ToArray());
        Assert.Equal(6, tested.Length);
        Assert.All(rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("description").GetString()));
            Assert.NotEqual(0, r.GetProperty("citations").GetArrayLength());
        });
        Assert.Equal(JsonValueKind.Array, body.GetProperty("findings").ValueKind);
    }
}
