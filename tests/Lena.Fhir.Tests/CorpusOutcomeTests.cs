using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Fhir.Tests.Support;

namespace Lena.Fhir.Tests;

/// <summary>
/// Real records as an EHR sends them (Corpus/README.md), with asserted outcomes. "Then" is the day after the record's
/// newest data, as if the order were signed at the time of the record; "now" is today, years later.
/// </summary>
public class CorpusOutcomeTests
{
    private static readonly DateOnly Now = new(2026, 12, 4);

    private static AssessmentResponse Assess(FhirMapping mapping, DateOnly today)
    {
        Assert.True(mapping.CanEvaluate, string.Join("\n", mapping.Problems.Where(p => p.Blocking).Select(p => p.Message)));
        var answer = ClinicalAnswer.For(Concern.Assessment, mapping.TypedSnapshot!, RuleSetDocument.Default, today);
        Assert.True(answer.IsSuccess);
        return (AssessmentResponse)answer.Response!;
    }

    private static List<string> Unrecognised(FhirMapping mapping) =>
        [.. mapping.Problems.Where(p => p.Field == "concomitantMedications" && p.Message.Contains("was not recognised", StringComparison.Ordinal)).Select(p => p.Resource!)];

    [Fact]
    public void Synthea_warfarin_and_digoxin_coded_as_tablets_are_read_and_the_other_drugs_named()
    {
        var mapping = Corpus.Map("synthea-warfarin-digoxin", new DateOnly(2020, 10, 18));

        Assert.Contains(mapping.Used, u => (u.Field, u.Value, u.Code) == ("concomitantMedications", "warfarin", "RxNorm 855332"));
        Assert.Contains(mapping.Used, u => (u.Field, u.Value, u.Code) == ("concomitantMedications", "digoxin", "RxNorm 197604"));
        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("vteRiskFactors.obesity", "SNOMED CT 162864005"));
        Assert.Equal(3, Unrecognised(mapping).Count); // verapamil, alendronic acid, galantamine: named, not silently dropped
        Assert.Contains(mapping.Problems, p => p.Message.Contains("'Verapamil Hydrochloride 40 MG'", StringComparison.Ordinal));
        Assert.Equal([ConcomitantMedication.Digoxin, ConcomitantMedication.Warfarin], mapping.TypedSnapshot!.ConcomitantMedications.Order());

        // No creatinine in this record at all: dosing is blocked, and says which codes are read.
        var missing = Assert.Single(mapping.Problems, p => p.Blocking);
        Assert.Equal("renal.serumCreatinineMgPerDl", missing.Field);
        Assert.Contains("38483-4", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthea_heart_failure_coded_in_SNOMED_CT_counts_and_the_blood_creatinine_gives_a_clearance()
    {
        var mapping = Corpus.Map("synthea-heart-failure", new DateOnly(2020, 12, 20));

        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("vteRiskFactors.cardiacDisease", "SNOMED CT 88805009"));
        Assert.Contains(mapping.Used, u => u.Field == "renal.serumCreatinineMgPerDl" && u.Code == "LOINC 38483-4");
        var assessment = Assess(mapping, new DateOnly(2020, 12, 20));
        Assert.Contains(VteRiskFactor.CardiacDisease, assessment.Prophylaxis.RiskFactors);
        Assert.NotNull(assessment.Derived.CreatinineClearanceMlPerMin);

        // The three current drugs are none the advice reads; each is named on the VTE card.
        Assert.Equal(3, Unrecognised(mapping).Count);
    }

    [Fact]
    public void Synthea_coronary_disease_counts_and_the_statin_is_read()
    {
        var mapping = Corpus.Map("synthea-coronary-disease", new DateOnly(2020, 12, 10));

        Assert.Contains(mapping.Used, u => (u.Field, u.Value, u.Code) == ("concomitantMedications", "statin", "RxNorm 312961"));
        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("vteRiskFactors.cardiacDisease", "SNOMED CT 53741008"));
        Assert.DoesNotContain(mapping.Problems, p => p.Message.Contains("'Simvastatin 20 MG Oral Tablet'", StringComparison.Ordinal));
        Assert.Contains(mapping.Problems, p => p.Message.Contains("'Clopidogrel 75 MG Oral Tablet'", StringComparison.Ordinal));
        Assert.Contains(VteRiskFactor.CardiacDisease, Assess(mapping, new DateOnly(2020, 12, 10)).Prophylaxis.RiskFactors);
    }

    [Fact]
    public void Synthea_diabetes_obesity_and_CKD_stage_1_coded_in_SNOMED_CT_all_count()
    {
        var mapping = Corpus.Map("synthea-ckd-diabetes-obesity", new DateOnly(2021, 3, 20));

        Assert.Equal(
            [VteRiskFactor.Obesity, VteRiskFactor.ChronicKidneyDisease, VteRiskFactor.Diabetes],
            mapping.TypedSnapshot!.VteRiskFactors.Order());
        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("vteRiskFactors.chronicKidneyDisease", "SNOMED CT 431855005"));

        // A woman: only the clinician can say whether she is of reproductive potential; nothing else blocks.
        Assert.Equal(["femaleOfReproductivePotential"], mapping.Problems.Where(p => p.Blocking).Select(p => p.Field));

        // Miscarriage and the others are current conditions the advice does not read: listed, not dropped.
        Assert.Contains(mapping.Problems, p => p.Field == "vteRiskFactors" && p.Message.Contains("19169002", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthea_normal_pregnancy_SNOMED_72892002_makes_the_patient_pregnant()
    {
        var mapping = Corpus.Map("synthea-pregnant", new DateOnly(2019, 7, 29));

        Assert.Contains(mapping.Used, u => (u.Field, u.Code) == ("pregnant", "SNOMED CT 72892002"));
    }

    [Fact]
    public void Synthea_branded_contraceptive_pack_is_named_as_not_recognised()
    {
        var mapping = Corpus.Map("synthea-contraceptive", new DateOnly(2019, 5, 15));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "concomitantMedications");
        Assert.Contains("'Levora 0.15/30 28 Day Pack'", problem.Message, StringComparison.Ordinal);
        Assert.False(problem.Blocking);
    }

    [Theory]
    [InlineData("synthea-heart-failure", "2020-12-13")]
    [InlineData("synthea-coronary-disease", "2020-12-02")]
    [InlineData("synthea-ckd-diabetes-obesity", "2021-03-11")]
    public void Years_later_the_same_creatinine_and_weight_are_stale_and_no_dose_rests_on_them(string name, string taken)
    {
        var mapping = Corpus.Map(name, Now);

        var creatinine = Assert.Single(mapping.Problems, p => p.Field == "renal.serumCreatinineMgPerDl");
        Assert.Equal((FhirProblemKind.Outdated, true), (creatinine.Kind, creatinine.Blocking));
        Assert.Contains($"on {taken}), is stale since", creatinine.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mapping.Used, u => u.Field is "renal.serumCreatinineMgPerDl" or "weightKg");
        Assert.Contains(mapping.Problems, p => p.Field == "weightKg" && p.Kind == FhirProblemKind.Outdated);
    }

    [Fact]
    public void US_Core_8_patient_with_us_core_sex_only_is_female_and_her_childhood_weight_is_stale_not_a_unit_error()
    {
        var mapping = Corpus.Map("uscore8-amy-shaw", Now);

        Assert.Contains(mapping.Used, u => (u.Field, u.Value, u.Code, u.SourceValue) == ("sex", "female", "US Core sex", "248152002"));
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "sex");
        var weight = Assert.Single(mapping.Problems, p => p.Field == "weightKg");
        Assert.Equal(FhirProblemKind.Outdated, weight.Kind);
        Assert.Contains("1999-07-02", weight.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2.2046", weight.Message, StringComparison.Ordinal);

        // Its nizatidine orders (coded, contained and referenced Medication) are read and named; its sulfonamide allergy is SNOMED-coded.
        Assert.Equal(3, Unrecognised(mapping).Count);
        Assert.Contains(mapping.Problems, p => p.Field == "history" && p.Resource == "AllergyIntolerance/example");
    }

    [Fact]
    public void A_recorded_aspirin_allergy_is_said_on_the_prophylaxis_advice()
    {
        const string allergy = """
            {"resourceType":"AllergyIntolerance","id":"asa","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},
             "category":["medication"],"criticality":"high","code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1191","display":"aspirin"}]},
             "patient":{"reference":"Patient/6234b038-fa0d-476f-b373-6c22de018cf7"},"reaction":[{"severity":"severe"}]}
            """;
        var mapping = Corpus.Map("synthea-heart-failure", new DateOnly(2020, 12, 20), allergy);

        var problem = Assert.Single(mapping.Problems, p => p.Resource == "AllergyIntolerance/asa");
        Assert.Equal(("concomitantMedications", false), (problem.Field, problem.Blocking));
        Assert.Contains("aspirin (RxNorm 1191", problem.Message, StringComparison.Ordinal);
        Assert.Contains("criticality high", problem.Message, StringComparison.Ordinal);
    }
}
