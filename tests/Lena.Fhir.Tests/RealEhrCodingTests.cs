using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

/// <summary>Records coded as EHRs code them: drugs as products, allergies, SNOMED CT hierarchies, old data.</summary>
public class RealEhrCodingTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static string Allergy(string id, string rxnorm, string clinical = "active", string verification = "confirmed") =>
        $$$"""{"resourceType":"AllergyIntolerance","id":"{{{id}}}","clinicalStatus":{"coding":[{"code":"{{{clinical}}}"}]},"verificationStatus":{"coding":[{"code":"{{{verification}}}"}]},"category":["medication"],"criticality":"high","code":{"coding":[{"system":"{{{RxNorm}}}","code":"{{{rxnorm}}}"}]}}""";

    /// <summary>The Oracle Health pattern: a contained Medication carrying an SBD and an SCD coding, intent plan, dosage as text only.</summary>
    private static string ContainedOrder(string id, string brandCode, string genericCode) =>
        $$$"""{"resourceType":"MedicationRequest","id":"{{{id}}}","status":"active","intent":"plan","contained":[{"resourceType":"Medication","id":"m","code":{"coding":[{"system":"{{{RxNorm}}}","code":"{{{brandCode}}}"},{"system":"{{{RxNorm}}}","code":"{{{genericCode}}}"}]}}],"medicationReference":{"reference":"#m"},"dosageInstruction":[{"text":"1 tablet oral daily"}]}""";

    [Theory]
    [InlineData("855332", "warfarin")] // warfarin sodium 5 MG Oral Tablet
    [InlineData("1364445", "directOralAnticoagulant")] // apixaban 5 MG Oral Tablet
    [InlineData("854235", "lowMolecularWeightHeparin")] // 0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe
    [InlineData("308416", "aspirin")] // aspirin 81 MG Delayed Release Oral Tablet
    [InlineData("197604", "digoxin")] // digoxin 0.125 MG Oral Tablet
    [InlineData("197657", "estrogenContainingTherapy")] // estradiol 0.5 MG Oral Tablet
    [InlineData("238015", "combinedHormonalContraceptive")] // ethinyl estradiol / norethindrone tablet (contraceptive value set)
    [InlineData("1534809", "combinedHormonalContraceptive")] // ethinyl estradiol / norelgestromin patch (Synthea)
    [InlineData("312961", "statin")] // simvastatin 20 MG Oral Tablet (Synthea)
    public void A_drug_coded_as_a_product_counts_as_its_ingredient(string code, string medication)
    {
        var mapping = Map(Patient, MedicationRequest("m1", code));

        Assert.Contains(mapping.Used, u => (u.Field, u.Value, u.Code) == ("concomitantMedications", medication, $"RxNorm {code}"));
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "concomitantMedications");
    }

    [Fact]
    public void A_contained_Medication_with_brand_and_generic_codings_is_read_by_its_generic_code()
    {
        var mapping = Map(Patient, ContainedOrder("mr1", "999999999", "855332"));

        Assert.Contains(mapping.Used, u => (u.Field, u.Value) == ("concomitantMedications", "warfarin"));
    }

    [Fact]
    public void Dexamethasone_tablets_counted_in_tablets_are_dosed_by_the_tablet_strength()
    {
        // dexamethasone 4 MG Oral Tablet, 10 tablets (40 mg) once daily on 4 days of 28: 160 mg, low dose
        var request = MedicationRequest("dex", "197582", dose: "10", unit: "{tablet}").Replace("\"periodUnit\":\"d\"", "\"periodUnit\":\"d\",\"count\":4", StringComparison.Ordinal);

        var mapping = Map(Patient, request);

        var used = Assert.Single(mapping.Used, u => u.Field == "regimen.dexamethasone");
        Assert.Equal(("lowDose", "RxNorm 197582"), (used.Value, used.Code));
    }

    [Theory]
    [InlineData("1361226", "heparin")]
    [InlineData("861360", "fondaparinux")]
    public void An_anticoagulant_without_a_snapshot_value_is_named_on_the_advice(string code, string ingredient)
    {
        var problem = Assert.Single(Map(Patient, MedicationRequest("m1", code)).Problems, p => p.Field == "concomitantMedications");

        Assert.Contains($"is {ingredient}, an anticoagulant", problem.Message, StringComparison.Ordinal);
        Assert.False(problem.Blocking);
    }

    [Theory]
    [InlineData("342369")] // lenalidomide (IN)
    [InlineData("602910")] // lenalidomide 10 MG Oral Capsule
    [InlineData("1162569")] // lenalidomide Oral Product (SCDG)
    public void An_allergy_to_any_lenalidomide_code_is_lenalidomide_hypersensitivity(string code)
    {
        var used = Assert.Single(Map(Patient, Allergy("a1", code)).Used, u => u.Field == "history.lenalidomideHypersensitivity");

        Assert.Equal($"RxNorm {code}", used.Code);
    }

    [Theory]
    [InlineData("1191", "concomitantMedications", "aspirin")]
    [InlineData("855332", "concomitantMedications", "warfarin")]
    [InlineData("854235", "concomitantMedications", "heparins")]
    [InlineData("10432", "history.severeSkinReactionToThalidomide", "thalidomide")]
    [InlineData("200390", "history.severeSkinReactionToThalidomide", "thalidomide")]
    public void Allergies_to_prophylaxis_drugs_and_thalidomide_are_named_on_their_cards(string code, string field, string named)
    {
        var problem = Assert.Single(Map(Patient, Allergy("a1", code)).Problems, p => p.Resource == "AllergyIntolerance/a1");

        Assert.Equal((field, false), (problem.Field, problem.Blocking));
        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resolved", "confirmed")]
    [InlineData("active", "refuted")]
    [InlineData("active", "entered-in-error")]
    public void A_resolved_or_refuted_aspirin_allergy_says_nothing(string clinical, string verification) =>
        Assert.DoesNotContain(Map(Patient, Allergy("a1", "1191", clinical, verification)).Problems, p => p.Resource == "AllergyIntolerance/a1");

    [Fact]
    public void A_resolved_lenalidomide_hypersensitivity_still_counts() =>
        Assert.Contains(Map(Patient, Allergy("a1", "342369", "resolved")).Used, u => u.Field == "history.lenalidomideHypersensitivity");

    [Fact]
    public void A_pacemaker_sets_the_catheter_or_pacemaker_risk_factor_and_drops_its_not_assessed_note()
    {
        var mapping = Map(Patient, Condition("c1", "http://snomed.info/sct", "441509002"));

        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("vteRiskFactors.centralVenousCatheterOrPacemaker", "SNOMED CT 441509002"));
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "vteRiskFactors.centralVenousCatheterOrPacemaker");
    }

    [Fact]
    public void A_current_condition_the_tables_do_not_read_is_listed_and_a_resolved_one_is_not()
    {
        var mapping = Map(Patient,
            Condition("c1", "http://snomed.info/sct", "49436004"), // atrial fibrillation
            Condition("c2", "http://snomed.info/sct", "40055000", clinicalStatus: "resolved"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "vteRiskFactors");
        Assert.Equal(("Condition/c1", false), (problem.Resource, problem.Blocking));
    }

    [Theory]
    [InlineData("1950-01-01", "2026-10-20", false)] // 76 years: monthly renal checks, 35 days allowed; 37 days old
    [InlineData("1950-01-01", "2026-10-25", true)] // 32 days old
    [InlineData("1980-01-01", "2026-09-01", true)] // 46 years: every 91 days, 98 allowed; 86 days old
    [InlineData("1980-01-01", "2026-08-15", false)] // 103 days old
    public void Creatinine_is_used_only_within_the_rule_sets_renal_interval(string birthDate, string taken, bool used)
    {
        var patient = $$$"""{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"{{{birthDate}}}"}""";

        var mapping = Map(patient, Observation("cr", "2160-0", "1.1", Ucum("mg/dL"), date: taken), Observation("wt", "29463-7", "70", Ucum("kg")));

        Assert.Equal(used, mapping.Used.Any(u => u.Field == "renal.serumCreatinineMgPerDl"));
        Assert.Equal(!used, mapping.Problems.Any(p => p.Field == "renal.serumCreatinineMgPerDl" && p.Kind == FhirProblemKind.Outdated && p.Blocking));
    }
}
