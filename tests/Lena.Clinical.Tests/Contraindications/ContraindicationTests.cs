using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lena.Clinical.Contraindications;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Contraindications;

/// <summary>CLINICAL.md §7: every code under its condition and not otherwise, with status, severity and citations.</summary>
public class ContraindicationTests
{
    /// <summary>Named patients, so the theory rows stay readable and serializable.</summary>
    private static readonly Dictionary<string, Func<JsonObject>> Scenarios = new()
    {
        ["man with myeloma"] = () => EvaluatorRequests.Patient(),
        ["pregnant woman"] = () => EvaluatorRequests.Woman().Set("pregnant", true),
        ["woman of reproductive potential"] = () => EvaluatorRequests.Woman().StartingTodayWithPregnancyTests(),
        ["woman not of reproductive potential"] = () => EvaluatorRequests.Woman(reproductivePotential: false),
        ["lenalidomide hypersensitivity"] = () => EvaluatorRequests.Patient().Set("history.lenalidomideHypersensitivity", true),
        ["severe skin reaction to thalidomide"] = () => EvaluatorRequests.Patient().Set("history.severeSkinReactionToThalidomide", true),
        ["mdsDel5q with monosomy 7"] = () => EvaluatorRequests.Patient("mdsDel5q").Set("cytogenetics.monosomy7", true),
        ["mdsNonDel5q with monosomy 7"] = () => EvaluatorRequests.Patient("mdsNonDel5q").Set("cytogenetics.monosomy7", true),
        ["mdsDel5q without monosomy 7"] = () => EvaluatorRequests.Patient("mdsDel5q"),
        ["myeloma with monosomy 7"] = () => EvaluatorRequests.Patient().Set("cytogenetics.monosomy7", true),
        ["myeloma with pembrolizumab"] = () => EvaluatorRequests.Patient().Medications("pembrolizumab"),
        ["maintenance with pembrolizumab"] = () => EvaluatorRequests.Patient("multipleMyelomaMaintenance").Medications("pembrolizumab").Labs(2000, 150_000),
        ["mantle cell with pembrolizumab"] = () => EvaluatorRequests.Patient("mantleCellLymphoma").Medications("pembrolizumab"),
        ["breastfeeding woman"] = () => EvaluatorRequests.Woman(reproductivePotential: false).Set("breastfeeding", true),
        ["cll"] = () => EvaluatorRequests.Patient("cll"),
        ["tp53 mutation"] = () => EvaluatorRequests.Patient().Set("cytogenetics.tp53Mutation", true),
        ["CrCl 45"] = () => EvaluatorRequests.Patient().Set("renal.creatinineClearanceMlPerMin", 45),
        ["CrCl 60"] = () => EvaluatorRequests.Patient().Set("renal.creatinineClearanceMlPerMin", 60),
        ["on dialysis"] = () => EvaluatorRequests.Patient().Set("renal", new JsonObject { ["onDialysis"] = true }),
        ["on digoxin"] = () => EvaluatorRequests.Patient().Medications("digoxin"),
        ["on warfarin"] = () => EvaluatorRequests.Patient().Medications("warfarin"),
        ["on an erythropoiesis-stimulating agent"] = () => EvaluatorRequests.Patient().Medications("erythropoiesisStimulatingAgent"),
        ["on estrogen"] = () => EvaluatorRequests.Woman(reproductivePotential: false).Medications("estrogenContainingTherapy"),
        ["on aspirin and a DOAC"] = () => EvaluatorRequests.Patient().Medications("aspirin", "directOralAnticoagulant"),
        ["myeloma transplant candidate"] = () => EvaluatorRequests.Patient().Set("therapy.transplantCandidate", true),
        ["mantle cell transplant candidate"] = () => EvaluatorRequests.Patient("mantleCellLymphoma").Set("therapy.transplantCandidate", true),
        ["mantle cell"] = () => EvaluatorRequests.Patient("mantleCellLymphoma"),
        ["follicular"] = () => EvaluatorRequests.Patient("follicularLymphoma"),
        ["marginal zone"] = () => EvaluatorRequests.Patient("marginalZoneLymphoma"),
        ["maintenance"] = () => EvaluatorRequests.Patient("multipleMyelomaMaintenance").Labs(2000, 150_000),
        ["myeloma with melphalan"] = () => EvaluatorRequests.Patient().Set("regimen.melphalan", true),
        ["mantle cell with melphalan"] = () => EvaluatorRequests.Patient("mantleCellLymphoma").Set("regimen.melphalan", true),
        ["myeloma ANC 800 on treatment"] = () => OnTreatment().Labs(800, 150_000),
        ["myeloma platelets 20000 on treatment"] = () => OnTreatment().Labs(2000, 20_000),
        ["myeloma normal counts on treatment"] = () => OnTreatment().Labs(2000, 150_000),
        ["myeloma ANC 1000 platelets 30000 on treatment"] = () => OnTreatment().Labs(1000, 30_000),
        ["maintenance start ANC 900"] = () => EvaluatorRequests.Patient("multipleMyelomaMaintenance").Labs(900, 150_000),
        ["maintenance start platelets 74000"] = () => EvaluatorRequests.Patient("multipleMyelomaMaintenance").Labs(2000, 74_000),
        ["maintenance start ANC 1000 platelets 75000"] = () => EvaluatorRequests.Patient("multipleMyelomaMaintenance").Labs(1000, 75_000),
    };

    private static JsonObject OnTreatment() => EvaluatorRequests.Patient()
        .Set("therapy.status", "onTreatment")
        .Set("therapy.currentDoseMg", 25);

    private static Reply Check(string scenario, RuleSet? rules = null) =>
        EvaluatorRequests.Post(Concern.Contraindications, Scenarios[scenario](), rules);

    /// <summary>The default rules with only the contraindication rules that emit <paramref name="code"/>.</summary>
    private static RuleSet OnlyRulesFor(string code) => RuleSetDocument.Default with
    {
        Contraindications = RuleSetDocument.Default.Contraindications.Where(r => r.Finding.Code == code).ToList(),
    };

    private static readonly string[] StatusOrder = ["clear", "caution", "hold", "contraindicated"];

    [Theory]
    [InlineData("pregnant woman", "pregnancy", "critical", "contraindicated")]
    [InlineData("lenalidomide hypersensitivity", "hypersensitivity", "critical", "contraindicated")]
    [InlineData("severe skin reaction to thalidomide", "severeSkinReactionHistory", "critical", "contraindicated")]
    [InlineData("mdsDel5q with monosomy 7", "monosomy7", "critical", "contraindicated")]
    [InlineData("mdsNonDel5q with monosomy 7", "monosomy7", "critical", "contraindicated")]
    [InlineData("myeloma with pembrolizumab", "pembrolizumabCombination", "critical", "contraindicated")]
    [InlineData("maintenance with pembrolizumab", "pembrolizumabCombination", "critical", "contraindicated")]
    [InlineData("myeloma ANC 800 on treatment", "ancBelowHoldThreshold", "critical", "hold")]
    [InlineData("myeloma platelets 20000 on treatment", "plateletsBelowHoldThreshold", "critical", "hold")]
    [InlineData("maintenance start ANC 900", "maintenanceStartCriteria", "critical", "hold")]
    [InlineData("maintenance start platelets 74000", "maintenanceStartCriteria", "critical", "hold")]
    [InlineData("breastfeeding woman", "breastfeeding", "critical", "caution")]
    [InlineData("cll", "cllDoseLimit", "critical", "caution")]
    [InlineData("tp53 mutation", "tp53Mutation", "warning", "caution")]
    [InlineData("woman of reproductive potential", "remsPregnancyTesting", "warning", "caution")]
    [InlineData("woman of reproductive potential", "remsContraception", "warning", "caution")]
    [InlineData("man with myeloma", "remsContraception", "warning", "caution")]
    [InlineData("man with myeloma", "remsBloodDonation", "info", "clear")]
    [InlineData("woman not of reproductive potential", "remsBloodDonation", "info", "clear")]
    [InlineData("CrCl 45", "renalDoseAdjustment", "warning", "caution")]
    [InlineData("on dialysis", "renalDoseAdjustment", "warning", "caution")]
    [InlineData("man with myeloma", "vteProphylaxisRequired", "warning", "caution")]
    [InlineData("on digoxin", "digoxinInteraction", "warning", "caution")]
    [InlineData("on warfarin", "warfarinInteraction", "warning", "caution")]
    [InlineData("on an erythropoiesis-stimulating agent", "thrombogenicCoMedication", "warning", "caution")]
    [InlineData("on estrogen", "thrombogenicCoMedication", "warning", "caution")]
    [InlineData("myeloma transplant candidate", "stemCellMobilization", "info", "clear")]
    [InlineData("mantle cell", "tumorFlare", "warning", "caution")]
    [InlineData("follicular", "tumorFlare", "warning", "caution")]
    [InlineData("marginal zone", "tumorFlare", "warning", "caution")]
    [InlineData("cll", "tumorFlare", "warning", "caution")]
    [InlineData("mantle cell", "tumorLysis", "warning", "caution")]
    [InlineData("follicular", "tumorLysis", "warning", "caution")]
    [InlineData("marginal zone", "tumorLysis", "warning", "caution")]
    [InlineData("cll", "tumorLysis", "warning", "caution")]
    [InlineData("man with myeloma", "secondPrimaryMalignancy", "info", "clear")]
    [InlineData("maintenance", "secondPrimaryMalignancy", "warning", "caution")]
    [InlineData("myeloma with melphalan", "secondPrimaryMalignancy", "warning", "caution")]
    [InlineData("man with myeloma", "hepatotoxicity", "info", "clear")]
    [InlineData("cll", "hepatotoxicity", "info", "clear")]
    [InlineData("man with myeloma", "thyroidMonitoring", "info", "clear")]
    [InlineData("mdsDel5q without monosomy 7", "thyroidMonitoring", "info", "clear")]
    public void Each_code_fires_under_its_condition_with_its_severity_status_and_a_citation(string scenario, string code, string severity, string status)
    {
        var reply = Check(scenario);

        var finding = reply.Finding(code);
        Assert.True(finding is not null, $"{code} missing for '{scenario}'; got {string.Join(", ", reply.FindingCodes)}");
        Assert.Equal(severity, finding.Value.GetProperty("severity").GetString());
        Assert.NotEqual(0, finding.Value.GetProperty("citations").GetArrayLength());
        Assert.False(string.IsNullOrWhiteSpace(finding.Value.GetProperty("message").GetString()));

        // With every rule in play the status is the most severe; vteProphylaxisRequired alone makes it at least caution.
        var expectedOverall = StatusOrder[Math.Max(Array.IndexOf(StatusOrder, status), 1)];
        Assert.True(Array.IndexOf(StatusOrder, reply.Verdict) >= Array.IndexOf(StatusOrder, expectedOverall), $"status {reply.Verdict} is below {expectedOverall}");

        // With only this code's rules in play, the status is the row's own.
        var isolated = Check(scenario, OnlyRulesFor(code));
        Assert.Contains(code, isolated.FindingCodes);
        Assert.Equal(status, isolated.Verdict);
    }

    [Theory]
    [InlineData("woman of reproductive potential", "pregnancy")]
    [InlineData("man with myeloma", "hypersensitivity")]
    [InlineData("man with myeloma", "severeSkinReactionHistory")]
    [InlineData("mdsDel5q without monosomy 7", "monosomy7")]
    [InlineData("myeloma with monosomy 7", "monosomy7")]
    [InlineData("man with myeloma", "pembrolizumabCombination")]
    [InlineData("mantle cell with pembrolizumab", "pembrolizumabCombination")]
    [InlineData("myeloma normal counts on treatment", "ancBelowHoldThreshold")]
    [InlineData("myeloma normal counts on treatment", "plateletsBelowHoldThreshold")]
    [InlineData("myeloma ANC 1000 platelets 30000 on treatment", "ancBelowHoldThreshold")]
    [InlineData("myeloma ANC 1000 platelets 30000 on treatment", "plateletsBelowHoldThreshold")]
    [InlineData("man with myeloma", "ancBelowHoldThreshold")]
    [InlineData("maintenance start ANC 1000 platelets 75000", "maintenanceStartCriteria")]
    [InlineData("woman of reproductive potential", "breastfeeding")]
    [InlineData("man with myeloma", "cllDoseLimit")]
    [InlineData("mantle cell", "cllDoseLimit")]
    [InlineData("man with myeloma", "tp53Mutation")]
    [InlineData("man with myeloma", "remsPregnancyTesting")]
    [InlineData("woman not of reproductive potential", "remsPregnancyTesting")]
    [InlineData("woman not of reproductive potential", "remsContraception")]
    [InlineData("CrCl 60", "renalDoseAdjustment")]
    [InlineData("man with myeloma", "digoxinInteraction")]
    [InlineData("man with myeloma", "warfarinInteraction")]
    [InlineData("on aspirin and a DOAC", "warfarinInteraction")]
    [InlineData("man with myeloma", "thrombogenicCoMedication")]
    [InlineData("on aspirin and a DOAC", "thrombogenicCoMedication")]
    [InlineData("man with myeloma", "stemCellMobilization")]
    [InlineData("mantle cell transplant candidate", "stemCellMobilization")]
    [InlineData("man with myeloma", "tumorFlare")]
    [InlineData("man with myeloma", "tumorLysis")]
    [InlineData("maintenance", "tumorFlare")]
    [InlineData("mdsDel5q without monosomy 7", "tumorLysis")]
    [InlineData("mantle cell with melphalan", "secondPrimaryMalignancy")]
    [InlineData("cll", "secondPrimaryMalignancy")]
    public void A_code_does_not_fire_without_its_condition(string scenario, string code)
    {
        var reply = Check(scenario);

        Assert.DoesNotContain(code, reply.FindingCodes);
    }

    [Theory]
    [InlineData("pregnant woman", "contraindicated")]
    [InlineData("myeloma ANC 800 on treatment", "hold")]
    [InlineData("maintenance start ANC 900", "hold")]
    [InlineData("man with myeloma", "caution")]
    [InlineData("myeloma normal counts on treatment", "caution")]
    [InlineData("myeloma transplant candidate", "caution")]
    public void The_status_is_the_most_severe_of_the_findings(string scenario, string status)
    {
        Assert.Equal(status, Check(scenario).Verdict);
    }

    [Fact]
    public void A_contraindication_outranks_a_hold()
    {
        var body = EvaluatorRequests.Patient()
            .Set("history.lenalidomideHypersensitivity", true)
            .Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 25)
            .Labs(400, 150_000);
        var reply = EvaluatorRequests.Post(Concern.Contraindications, body);

        Assert.Equal("contraindicated", reply.Verdict);
        Assert.Contains("hypersensitivity", reply.FindingCodes);
        Assert.Equal("notRecommended", EvaluatorRequests.Post(Concern.Dosing, body).Ok.GetProperty("dose").GetProperty("action").GetString());
    }

    [Fact]
    public void Holds_are_checked_on_an_interrupted_patients_labs()
    {
        var body = EvaluatorRequests.Patient()
            .Set("therapy.status", "interrupted").Set("therapy.currentDoseMg", 25).Set("therapy.interruptedFor", "thrombocytopenia")
            .Labs(2000, 20_000);
        var reply = EvaluatorRequests.Post(Concern.Contraindications, body);

        Assert.Equal("hold", reply.Verdict);
        Assert.Contains("plateletsBelowHoldThreshold", reply.FindingCodes);
    }

    [Fact]
    public void A_related_grade_3_to_4_toxicity_is_a_hold()
    {
        var body = EvaluatorRequests.Patient()
            .Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 25).Set("therapy.otherDoseLimitingToxicity", true)
            .Labs(2000, 150_000);
        var reply = EvaluatorRequests.Post(Concern.Contraindications, body);

        Assert.Equal("hold", reply.Verdict);
        Assert.Contains("otherDoseLimitingToxicity", reply.FindingCodes);
    }

    [Theory]
    [InlineData(25, "contraindicated")]
    [InlineData(45, "caution")]
    public void Cll_below_CrCl_30_is_not_recommended_so_its_renal_finding_contraindicates(double crCl, string status)
    {
        var reply = EvaluatorRequests.Post(Concern.Contraindications, EvaluatorRequests.Patient("cll").Set("renal.creatinineClearanceMlPerMin", crCl));

        Assert.Equal(status, reply.Verdict);
        Assert.Contains("renalDoseAdjustment", reply.FindingCodes);
    }

    [Fact]
    public void Without_labs_no_hold_is_reported()
    {
        var reply = Check("man with myeloma");

        Assert.DoesNotContain(reply.FindingCodes, c => c is "ancBelowHoldThreshold" or "plateletsBelowHoldThreshold" or "maintenanceStartCriteria");
        Assert.NotEqual("hold", reply.Verdict);
    }

    [Fact]
    public void The_status_is_clear_when_every_finding_is_info()
    {
        var infoOnly = RuleSetDocument.Default with
        {
            Contraindications = RuleSetDocument.Default.Contraindications.Where(r => r.Finding.Severity == Severity.Info).ToList(),
        };
        var reply = EvaluatorRequests.Post(Concern.Contraindications, Scenarios["myeloma transplant candidate"](), infoOnly);

        Assert.Equal("clear", reply.Verdict);
        Assert.Contains("stemCellMobilization", reply.FindingCodes);
        Assert.Contains("remsBloodDonation", reply.FindingCodes);
    }

    [Fact]
    public void One_warning_among_info_findings_makes_the_status_caution()
    {
        var infoAndDigoxin = RuleSetDocument.Default with
        {
            Contraindications = RuleSetDocument.Default.Contraindications
                .Where(r => r.Finding.Severity == Severity.Info || r.Finding.Code == "digoxinInteraction").ToList(),
        };

        Assert.Equal("clear", Check("man with myeloma", infoAndDigoxin).Verdict);
        Assert.Equal("caution", Check("on digoxin", infoAndDigoxin).Verdict);
    }

    [Fact]
    public void With_the_default_rules_every_patient_needs_at_least_caution_because_vte_prophylaxis_is_always_required()
    {
        var reply = Check("man with myeloma");

        Assert.Equal("caution", reply.Verdict);
        Assert.Contains("vteProphylaxisRequired", reply.FindingCodes);
    }

    [Fact]
    public void Every_finding_of_a_patient_with_many_conditions_cites_a_source_and_codes_are_unique()
    {
        var body = EvaluatorRequests.Woman("cll")
            .Set("breastfeeding", true)
            .Set("cytogenetics.tp53Mutation", true)
            .Set("renal.creatinineClearanceMlPerMin", 45)
            .Medications("digoxin", "warfarin", "estrogenContainingTherapy");
        var reply = EvaluatorRequests.Post(Concern.Contraindications, body);

        var codes = reply.FindingCodes;
        Assert.Equal(codes.Distinct().Count(), codes.Count);
        Assert.All(reply.Ok.GetProperty("findings").EnumerateArray(), f => Assert.NotEqual(0, f.GetProperty("citations").GetArrayLength()));
        Assert.Equal(
            new[]
            {
                "breastfeeding", "cllDoseLimit", "digoxinInteraction", "hepatotoxicity", "pregnancyTestRequired", "remsBloodDonation", "remsContraception",
                "remsPregnancyTesting", "renalDoseAdjustment", "thrombogenicCoMedication", "thyroidMonitoring", "tp53Mutation",
                "tumorFlare", "tumorLysis", "vteProphylaxisRequired", "warfarinInteraction",
            },
            codes.Order(StringComparer.Ordinal));
    }

    private static readonly HashSet<string> ContraindicatedCodes = new(StringComparer.Ordinal)
    {
        "pregnancy", "hypersensitivity", "severeSkinReactionHistory", "monosomy7", "pembrolizumabCombination",
    };

    private static readonly HashSet<string> HoldCodes = new(StringComparer.Ordinal)
    {
        "ancBelowHoldThreshold", "plateletsBelowHoldThreshold", "maintenanceStartCriteria", "otherDoseLimitingToxicity",
    };

    [Property(MaxTest = 200)]
    public bool The_status_always_follows_from_the_findings(
        Indication indication, bool pregnant, bool hypersensitive, bool monosomy7, bool pembrolizumab,
        bool tp53, bool digoxin, bool melphalan, byte ancHundreds, byte crClTens)
    {
        var medications = new HashSet<ConcomitantMedication>();
        if (pembrolizumab)
        {
            medications.Add(ConcomitantMedication.Pembrolizumab);
        }

        if (digoxin)
        {
            medications.Add(ConcomitantMedication.Digoxin);
        }

        var snapshot = new PatientSnapshot
        {
            Indication = indication,
            Sex = Sex.Female,
            AgeYears = 60,
            WeightKg = 70,
            FemaleOfReproductivePotential = pregnant,
            Pregnant = pregnant,
            Renal = new RenalFunction { CreatinineClearanceMlPerMin = 10 + (crClTens % 12 * 10) },
            Labs = new LabResults { TakenOn = EvaluatorRequests.Today, AncPerMicroliter = ancHundreds * 100, PlateletsPerMicroliter = 150_000, BaselineAncPerMicroliter = 2000, BaselinePlateletsPerMicroliter = 150_000 },
            Therapy = new TherapyState { Status = TherapyStatus.Starting, StartDate = EvaluatorRequests.Today },
            Regimen = new Regimen { Melphalan = melphalan },
            Cytogenetics = new Cytogenetics { Monosomy7 = monosomy7, Tp53Mutation = tp53 },
            History = new History { LenalidomideHypersensitivity = hypersensitive },
            ConcomitantMedications = medications,
        };

        var result = ContraindicationEvaluator.Evaluate(PatientContext.Create(snapshot, RuleSetDocument.Default, EvaluatorRequests.Today));

        var codes = result.Findings.Select(f => f.Code).ToList();
        var renalNotRecommended = result.Findings.Any(f => f.Code == "renalDoseAdjustment") && indication == Indication.Cll && snapshot.Renal.CreatinineClearanceMlPerMin < 30;
        var expected = codes.Any(ContraindicatedCodes.Contains) || renalNotRecommended ? ContraindicationStatus.Contraindicated
            : codes.Any(HoldCodes.Contains) ? ContraindicationStatus.Hold
            : result.Findings.Any(f => f.Severity > Severity.Info) ? ContraindicationStatus.Caution
            : ContraindicationStatus.Clear;
        return result.Status == expected
            && codes.Distinct().Count() == codes.Count
            && result.Findings.All(f => f.Citations.Count > 0)
            && codes.Contains("pregnancy") == pregnant
            && codes.Contains("hypersensitivity") == hypersensitive;
    }
}
