using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

/// <summary>
/// How old a creatinine or weight may be (DataAge): the rule set's renal interval in force plus 7 days' grace — 28 + 7
/// when age ≥ 65, dialysis or CrCl &lt; 60 (CLINICAL.md §5), else 91 + 7 — with the shorter one whenever the record
/// does not show the standard one applies. Today is 2026-11-26: 35 days back is 2026-10-22, 98 days back 2026-08-20.
/// </summary>
public class RenalDataAgeTests
{
    private static string Patient(string birthDate, string gender = "male") =>
        $$$"""{"resourceType":"Patient","id":"p1","gender":"{{{gender}}}","birthDate":"{{{birthDate}}}"}""";

    private static string Creatinine(string id, string value, string taken) => Observation(id, "2160-0", value, Ucum("mg/dL"), date: taken);

    private static string Weight(string value, string taken = "2026-11-20") => Observation("wt", "29463-7", value, Ucum("kg"), date: taken);

    private static bool CreatinineUsed(FhirMapping mapping) => mapping.Used.Any(u => u.Field == "renal.serumCreatinineMgPerDl");

    // Male, age 50 today, creatinine 1.0 mg/dL: Cockcroft–Gault (140 − 50) × weight ÷ 72 = 60.0 at 48 kg, 59.8 at 47.9 kg.
    [Theory]
    [InlineData("1961-11-26", "100", "2026-10-22", true)] // age 65 today: 35 days old, within 28 + 7
    [InlineData("1961-11-26", "100", "2026-10-21", false)] // age 65: 36 days old
    [InlineData("1961-11-27", "100", "2026-10-21", true)] // age 64, CrCl 105.5: 36 days old, within 91 + 7
    [InlineData("1961-11-27", "100", "2026-08-20", true)] // age 64: 98 days old
    [InlineData("1961-11-27", "100", "2026-08-19", false)] // age 64: 99 days old
    [InlineData("1976-11-26", "48", "2026-08-20", true)] // age 50, CrCl 60.0: the standard interval, 98 days old
    [InlineData("1976-11-26", "48", "2026-08-19", false)] // 99 days old
    [InlineData("1976-11-26", "47.9", "2026-10-22", true)] // age 50, CrCl 59.8: the shorter interval, 35 days old
    [InlineData("1976-11-26", "47.9", "2026-10-21", false)] // 36 days old: the gap a CrCl below 60 closes
    [InlineData("1976-11-26", "47.9", "2026-09-01", false)] // 86 days old: once used, now stale
    public void The_shorter_renal_interval_applies_at_age_65_or_CrCl_below_60(string birthDate, string weightKg, string taken, bool used)
    {
        var mapping = Map(Patient(birthDate), Creatinine("cr", "1.0", taken), Weight(weightKg));

        Assert.Equal(used, CreatinineUsed(mapping));
        Assert.Equal(!used, mapping.Problems.Any(p => p.Field == "renal.serumCreatinineMgPerDl" && p.Kind == FhirProblemKind.Outdated));
    }

    [Theory]
    [InlineData("male", true)] // CrCl 60.0
    [InlineData("female", false)] // × 0.85 = 51.0
    [InlineData("unknown", false)] // sex unknown: the female factor, conservatively
    public void Sex_unknown_counts_as_female_for_the_clearance_that_picks_the_interval(string gender, bool used)
    {
        var mapping = Map(Patient("1976-11-26", gender), Creatinine("cr", "1.0", "2026-10-21"), Weight("48"));

        Assert.Equal(used, CreatinineUsed(mapping));
    }

    [Theory]
    [InlineData("2026-08-20", false)] // 1.5 mg/dL 98 days ago: CrCl 58.3 within the window, the shorter interval
    [InlineData("2026-08-19", true)] // 99 days ago: outside the window, only the newest counts (CrCl 87.5)
    public void The_worst_creatinine_of_the_standard_window_decides(string olderTaken, bool used)
    {
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr-new", "1.0", "2026-10-17"), Creatinine("cr-old", "1.5", olderTaken), Weight("70"));

        Assert.Equal(used, CreatinineUsed(mapping));
    }

    [Fact]
    public void The_lowest_weight_of_the_window_decides()
    {
        // 70 kg on 2026-11-20 gives CrCl 87.5; 47.9 kg on 2026-09-01 gives 59.8: the shorter interval, so that weight is stale too.
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-10-17"), Weight("70"),
            Observation("wt-old", "29463-7", "47.9", Ucum("kg"), date: "2026-09-01"));

        Assert.False(CreatinineUsed(mapping));
    }

    [Theory]
    [InlineData(true, false)] // no weight in the window: the clearance is unknown
    [InlineData(false, true)]
    public void An_unknown_clearance_takes_the_shorter_interval(bool withoutWeight, bool used)
    {
        var resources = withoutWeight
            ? new[] { Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-10-17") }
            : new[] { Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-10-17"), Weight("70") };

        Assert.Equal(used, CreatinineUsed(Map(resources)));
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1","gender":"male"}""")]
    [InlineData("""{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"2030-01-01"}""")] // implausible: unknown
    public void An_unknown_age_takes_the_shorter_interval(string patient)
    {
        var mapping = Map(patient, Creatinine("cr", "1.0", "2026-10-17"), Weight("70"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "renal.serumCreatinineMgPerDl" && p.Kind == FhirProblemKind.Outdated);
        Assert.Contains("age is unknown", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("active", false)]
    [InlineData("resolved", true)]
    public void Dialysis_takes_the_shorter_interval(string clinicalStatus, bool used)
    {
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-10-17"), Weight("70"),
            Condition("c1", "http://snomed.info/sct", "105502003", clinicalStatus));

        Assert.Equal(used, CreatinineUsed(mapping));
    }

    [Fact]
    public void The_stale_problem_says_which_condition_made_the_interval_shorter()
    {
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-10-21"), Weight("47.9"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "renal.serumCreatinineMgPerDl");
        Assert.Contains("stale since 2026-11-26", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the rule set allows 35", problem.Message, StringComparison.Ordinal);
        Assert.Contains("CrCl 59.8 mL/min", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Observation/cr of 2026-10-21", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_older_than_the_shorter_interval_is_stale_when_the_clearance_is_low()
    {
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr", "1.0", "2026-11-20"), Weight("47.9", "2026-10-21"));

        Assert.DoesNotContain(mapping.Used, u => u.Field == "weightKg");
        Assert.Contains(mapping.Problems, p => p.Field == "weightKg" && p.Kind == FhirProblemKind.Outdated);
    }

    [Theory]
    [InlineData("2026-11-26", "1")] // today: used
    [InlineData("2026-11-27T08:00:00+10:00", "1")] // a local date a day ahead, 2026-11-26 22:00 in UTC: today, used
    [InlineData("2026-11-27", "1.4")] // tomorrow: named, left out and blocking; the older 1.4 is shown, no advice rests on it
    [InlineData("2026-11-27T01:00:00Z", "1.4")]
    [InlineData("9999-12-31", "1.4")]
    public void A_measurement_dated_after_today_is_named_and_blocks_the_input_it_would_be(string newestTaken, string used)
    {
        var mapping = Map(Patient("1976-11-26"), Creatinine("cr-new", "1", newestTaken), Creatinine("cr-old", "1.4", "2026-11-20"), Weight("70"));

        Assert.Equal(used, Assert.Single(mapping.Used, u => u.Field == "renal.serumCreatinineMgPerDl").Value);
        var future = mapping.Problems.Where(p => p.Resource == "Observation/cr-new").ToList();
        Assert.Equal(used == "1.4", future.Count == 1);
        Assert.All(future, p =>
        {
            Assert.Contains($"dated {newestTaken[..10]}, after today (2026-11-26, UTC)", p.Message, StringComparison.Ordinal);
            Assert.Equal(("renal.serumCreatinineMgPerDl", true), (p.Field, p.Blocking));
        });
    }

    [Fact]
    public void A_positive_pregnancy_test_counts_whatever_its_date()
    {
        var test = """{"resourceType":"Observation","id":"hcg","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2106-3"}]},"effectiveDateTime":"2026-12-01","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004"}]}}""";

        var mapping = Map(Patient("1990-01-01", "female"), test);

        Assert.Contains(mapping.Used, u => (u.Field, u.Value) == ("pregnant", "true"));
    }

    [Theory]
    [InlineData("2026-11-26", true)] // born today: an age of 0 (the API then refuses it as below 18, naming ageYears)
    [InlineData("2026-11-27", false)] // after today
    [InlineData("1896-11-26", true)] // 130 years
    [InlineData("1896-11-25", false)]
    [InlineData("0001-01-01", false)]
    public void A_birth_date_outside_its_window_is_named_as_the_Patients_and_gives_no_age(string birthDate, bool aged)
    {
        var mapping = Map(Patient(birthDate), Creatinine("cr", "1.0", "2026-11-20"), Weight("70"));

        Assert.Equal(aged, mapping.Used.Any(u => u.Field == "ageYears"));
        var problem = mapping.Problems.SingleOrDefault(p => p.Field == "ageYears" && p.Message.Contains($"birthDate {birthDate}", StringComparison.Ordinal));
        Assert.Equal(aged, problem is null);
        Assert.True(problem is null || problem.Blocking, "with a creatinine, Cockcroft–Gault needs the age: the problem blocks");
    }
}
