using System.Text.Json;
using Hl7.Fhir.Model;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Fhir.Tests.Support;

namespace Lena.Fhir.Tests;

public class FixtureMappingTests
{
    private static readonly string[] Complete =
    [
        "myeloma-renal-impairment",
        "mds-del5q-cytopenia",
        "mds-early-phase",
        "female-reproductive-potential",
        "si-units-cll",
    ];

    public static TheoryData<string> CompleteFixtures => new(Complete);

    [Theory]
    [MemberData(nameof(CompleteFixtures))]
    public void A_complete_fixture_maps_to_a_snapshot_the_clinical_core_evaluates(string fixture)
    {
        var mapping = Fixture.Map(fixture);

        Assert.True(mapping.CanEvaluate, string.Join("\n", mapping.Problems.Where(p => p.Blocking).Select(p => p.Message)));
        var answer = Evaluate(mapping);
        Assert.True(answer.Status == 200, System.Text.Encoding.UTF8.GetString(answer.Body));
    }

    [Fact]
    public void Myeloma_with_renal_impairment_gives_the_snapshot_values_and_Cockcroft_Gault_clearance()
    {
        var mapping = Fixture.Map("myeloma-renal-impairment");
        var snapshot = mapping.Snapshot;

        Assert.Equal("multipleMyeloma", (string?)snapshot["indication"]);
        Assert.Equal("male", (string?)snapshot["sex"]);
        Assert.Equal(78, (int?)snapshot["ageYears"]);
        Assert.Equal(60.0, (double?)snapshot["weightKg"]);
        Assert.Equal(2.1, (double?)snapshot["renal"]!["serumCreatinineMgPerDl"]);
        Assert.Equal("lowDose", (string?)snapshot["regimen"]!["dexamethasone"]);
        Assert.Equal("starting", (string?)snapshot["therapy"]!["status"]);
        Assert.Equal("2026-11-30", (string?)snapshot["therapy"]!["startDate"]);
        Assert.Equal(2400, (int?)snapshot["labs"]!["ancPerMicroliter"]);
        Assert.Equal(185000, (int?)snapshot["labs"]!["plateletsPerMicroliter"]);
        Assert.Equal("2026-11-19", (string?)snapshot["labs"]!["takenOn"]);
        Assert.Equal(new OrderedDose(10, "daily", "MedicationRequest/draft-len"), mapping.DraftDose);

        var age = Assert.Single(mapping.Used, u => u.Field == "ageYears");
        Assert.Equal(new DateOnly(2026, 11, 20), age.Date);

        var expectedCrCl = (140 - 78) * 60 / (72 * 2.1);
        using var body = JsonDocument.Parse(Evaluate(mapping).Body);
        var crCl = body.RootElement.GetProperty("derived").GetProperty("creatinineClearanceMlPerMin").GetDouble();
        Assert.InRange(crCl, expectedCrCl - 0.1, expectedCrCl + 0.1);
    }

    [Fact]
    public void Mds_del5q_with_cytopenia_on_treatment_maps_counts_dose_and_days_on_therapy()
    {
        var mapping = Fixture.Map("mds-del5q-cytopenia", draftOrderId: null);
        var snapshot = mapping.Snapshot;

        Assert.Equal("mdsDel5q", (string?)snapshot["indication"]);
        Assert.True((bool?)snapshot["cytogenetics"]!["del5q"]);
        Assert.Equal(600, (int?)snapshot["labs"]!["ancPerMicroliter"]);
        Assert.Equal(40000, (int?)snapshot["labs"]!["plateletsPerMicroliter"]);
        Assert.Equal("onTreatment", (string?)snapshot["therapy"]!["status"]);
        Assert.Equal(10.0, (double?)snapshot["therapy"]!["currentDoseMg"]);
        Assert.Equal(86, (int?)snapshot["therapy"]!["daysOnTherapy"]);
        Assert.Equal(["erythropoiesisStimulatingAgent"], snapshot["concomitantMedications"]!.AsArray().Select(n => (string?)n));
        Assert.Contains(mapping.Used, u => u.Field == "labs.ancPerMicroliter" && u.Resource == "Observation/obs-anc" && u.SourceUnit == "/uL" && u.Code == "LOINC 751-8");
    }

    [Fact]
    public void A_female_of_reproductive_potential_with_a_negative_hCG_is_not_pregnant_and_the_test_is_reported()
    {
        var mapping = Fixture.Map("female-reproductive-potential");

        Assert.Equal("female", (string?)mapping.Snapshot["sex"]);
        Assert.True((bool?)mapping.Snapshot["femaleOfReproductivePotential"]);
        Assert.Null(mapping.Snapshot["pregnant"]);
        var test = Assert.Single(mapping.Used, u => u.Field == "pregnancyTest");
        Assert.Equal(("negative", "Observation/obs-hcg", new DateOnly(2026, 11, 21)), (test.Value, test.Resource, test.Date));
        Assert.Equal(new OrderedDose(25, "daily", "MedicationRequest/draft-len"), mapping.DraftDose);
    }

    [Fact]
    public void Creatinine_in_micromoles_and_counts_in_10_9_per_litre_are_converted()
    {
        var mapping = Fixture.Map("si-units-cll", draftOrderId: null);
        var snapshot = mapping.Snapshot;

        Assert.Equal("cll", (string?)snapshot["indication"]);
        Assert.Equal(1.70, (double?)snapshot["renal"]!["serumCreatinineMgPerDl"]);
        Assert.Equal(1800, (int?)snapshot["labs"]!["ancPerMicroliter"]);
        Assert.Equal(140000, (int?)snapshot["labs"]!["plateletsPerMicroliter"]);
        Assert.Equal(80.0, (double?)snapshot["weightKg"]);
        Assert.Equal(175.0, (double?)snapshot["heightCm"]);
        var creatinine = Assert.Single(mapping.Used, u => u.Field == "renal.serumCreatinineMgPerDl");
        Assert.Equal(("1.7", "150", "umol/L", "LOINC 14682-9"), (creatinine.Value, creatinine.SourceValue, creatinine.SourceUnit, creatinine.Code));
    }

    [Fact]
    public void On_treatment_without_an_ANC_is_a_blocking_missing_problem_a_FHIR_search_could_resolve()
    {
        var mapping = Fixture.Map("on-treatment-missing-anc", draftOrderId: null);

        Assert.False(mapping.CanEvaluate);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "labs.ancPerMicroliter");
        Assert.Equal((FhirProblemKind.Missing, true, true), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
        Assert.Contains("751-8", problem.Message, StringComparison.Ordinal);
        Assert.Null(mapping.Snapshot["labs"]);
        Assert.Equal(25.0, (double?)mapping.Snapshot["therapy"]!["currentDoseMg"]);
    }

    [Fact]
    public void Myeloma_and_CLL_together_are_ambiguous_naming_both_conditions()
    {
        var mapping = Fixture.Map("conflicting-indications");

        Assert.False(mapping.CanEvaluate);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "indication");
        Assert.Equal((FhirProblemKind.Ambiguous, true), (problem.Kind, problem.Blocking));
        Assert.Contains("Condition/cond-mm", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Condition/cond-cll", problem.Message, StringComparison.Ordinal);
        Assert.Null(mapping.Snapshot["indication"]);
    }

    [Fact]
    public void The_draft_orders_reasonReference_resolves_conflicting_conditions()
    {
        var mapping = Fixture.Map("conflicting-indications", changeDraft: d => d.ReasonReference.Add(new ResourceReference("Condition/cond-cll")));

        Assert.True(mapping.CanEvaluate, string.Join("\n", mapping.Problems.Where(p => p.Blocking).Select(p => p.Message)));
        Assert.Equal("cll", (string?)mapping.Snapshot["indication"]);
        Assert.Equal(200, Evaluate(mapping).Status);
    }

    [Fact]
    public void The_draft_orders_reasonCode_resolves_conflicting_conditions()
    {
        var mapping = Fixture.Map("conflicting-indications",
            changeDraft: d => d.ReasonCode.Add(new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", "C90.00")));

        Assert.Equal("multipleMyeloma", (string?)mapping.Snapshot["indication"]);
    }

    [Fact]
    public void The_indication_extension_on_the_draft_order_overrides_and_is_the_way_to_say_maintenance()
    {
        var mapping = Fixture.Map("conflicting-indications",
            changeDraft: d => d.Extension.Add(new Extension(LenaFhirExtensions.Indication, new Code("multipleMyelomaMaintenance"))));

        Assert.Equal("multipleMyelomaMaintenance", (string?)mapping.Snapshot["indication"]);
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "indication");
    }

    [Fact]
    public void No_birth_date_name_or_identifier_appears_in_the_snapshot_or_the_used_values()
    {
        foreach (var fixture in Complete)
        {
            var mapping = Fixture.Map(fixture);
            var text = mapping.Snapshot.ToJsonString() + JsonSerializer.Serialize(mapping.Used);

            foreach (var forbidden in new[] { "birthDate", "1948-03-10", "1955-01-15", "1992-07-04", "1950-02-02", "Testpatient", "Alex", "MRN-", "patientId" })
            {
                Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_snapshot_holds_no_nulls()
    {
        foreach (var fixture in Complete)
        {
            Assert.DoesNotContain("null", Fixture.Map(fixture).Snapshot.ToJsonString(), StringComparison.Ordinal);
        }
    }

    private static Lena.Clinical.Contract.ClinicalAnswer Evaluate(FhirMapping mapping) =>
        ClinicalAnswer.For(Concern.Assessment, JsonSerializer.SerializeToUtf8Bytes(mapping.Snapshot), RuleSetDocument.Default, Fixture.Today);
}
