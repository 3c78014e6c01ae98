using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class ConditionMappingTests
{
    private const string Icd = "http://hl7.org/fhir/sid/icd-10-cm";
    private const string Snomed = "http://snomed.info/sct";

    [Theory]
    [InlineData(Icd, "C90.00", "multipleMyeloma")]
    [InlineData(Icd, "C90.02", "multipleMyeloma")]
    [InlineData(Icd, "C9000", "multipleMyeloma")]
    [InlineData(Icd, "D46.C", "mdsDel5q")]
    [InlineData(Icd, "C83.10", "mantleCellLymphoma")]
    [InlineData(Icd, "C83.18", "mantleCellLymphoma")]
    [InlineData(Icd, "C82.90", "follicularLymphoma")]
    [InlineData(Icd, "C82.08", "follicularLymphoma")]
    [InlineData(Icd, "C88.4", "marginalZoneLymphoma")]
    [InlineData(Icd, "C83.00", "marginalZoneLymphoma")]
    [InlineData(Icd, "C91.10", "cll")]
    [InlineData(Icd, "C91.12", "cll")]
    [InlineData(Snomed, "109989006", "multipleMyeloma")]
    [InlineData(Snomed, "92814006", "cll")]
    [InlineData(Snomed, "443487006", "mantleCellLymphoma")]
    [InlineData(Snomed, "308121000", "follicularLymphoma")]
    public void Every_ICD_10_CM_and_SNOMED_code_maps_to_its_indication(string system, string code, string indication)
    {
        var mapping = Map(Patient, Condition("c1", system, code));

        Assert.Equal(indication, (string?)mapping.Snapshot["indication"]);
        var used = Assert.Single(mapping.Used, u => u.Field == "indication");
        Assert.Equal(("Condition/c1", $"{(system == Icd ? "ICD-10-CM" : "SNOMED CT")} {code}"), (used.Resource, used.Code));
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "indication");
    }

    [Theory]
    [InlineData(null, null)] // maintenance or continued therapy: not guessed
    [InlineData("multipleMyelomaMaintenance", "multipleMyelomaMaintenance")]
    [InlineData("multipleMyeloma", "multipleMyeloma")]
    public void Myeloma_in_remission_needs_the_draft_order_to_say_maintenance_or_therapy(string? extension, string? indication)
    {
        var draft = extension is null
            ? MedicationRequest("draft", "602910", status: "draft")
            : MedicationRequest("draft", "602910", status: "draft").Replace("\"resourceType\":\"MedicationRequest\",", $$"""
                "resourceType":"MedicationRequest","extension":[{"url":"{{LenaFhirExtensions.Indication}}","valueCode":"{{extension}}"}],
                """, StringComparison.Ordinal);

        var mapping = MapWithDraft("draft", Patient, Condition("c1", Icd, "C90.01"), draft);

        Assert.Equal(indication, (string?)mapping.Snapshot["indication"]);
        var problems = mapping.Problems.Where(p => p.Field == "indication").ToList();
        Assert.Equal(indication is null, problems.Count == 1);
        Assert.All(problems, p =>
        {
            Assert.Equal((FhirProblemKind.NotInFhir, true), (p.Kind, p.Blocking));
            Assert.Contains("multipleMyelomaMaintenance or multipleMyeloma", p.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(Icd, "D46.9")]
    [InlineData(Icd, "D46.20")]
    [InlineData(Snomed, "109995007")]
    public void Mds_without_del5q_status_is_blocking_until_the_cytogenetics_extension_says_it(string system, string code)
    {
        var unknown = Map(Patient, Condition("c1", system, code));
        var problem = Assert.Single(unknown.Problems, p => p.Field == "indication");
        Assert.Equal((FhirProblemKind.NotInFhir, true), (problem.Kind, problem.Blocking));
        Assert.Contains(LenaFhirExtensions.CytogeneticsDel5q, problem.Message, StringComparison.Ordinal);

        foreach (var (del5q, indication) in new[] { (false, "mdsNonDel5q"), (true, "mdsDel5q") })
        {
            var patient = $$"""{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1950-01-01","extension":[{"url":"{{LenaFhirExtensions.CytogeneticsDel5q}}","valueBoolean":{{(del5q ? "true" : "false")}}}]}""";
            Assert.Equal(indication, (string?)Map(patient, Condition("c1", system, code)).Snapshot["indication"]);
        }
    }

    [Theory]
    [InlineData("inactive", "confirmed")]
    [InlineData("resolved", "confirmed")]
    [InlineData("remission", "confirmed")]
    [InlineData("active", "refuted")]
    [InlineData("active", "entered-in-error")]
    public void Inactive_refuted_or_erroneous_conditions_give_no_indication(string clinicalStatus, string verification)
    {
        var mapping = Map(Patient, Condition("c1", Icd, "C90.00", clinicalStatus, verification));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "indication");
        Assert.Equal((FhirProblemKind.Missing, true, true), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
    }

    [Theory]
    [InlineData("recurrence")]
    [InlineData("relapse")]
    public void Recurrence_and_relapse_count_as_active(string clinicalStatus)
    {
        Assert.Equal("multipleMyeloma", (string?)Map(Patient, Condition("c1", Icd, "C90.00", clinicalStatus)).Snapshot["indication"]);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "2026-01-10", false)]
    [InlineData("active", null, true)]
    [InlineData("inactive", null, false)]
    public void A_condition_without_clinicalStatus_gives_the_indication_unless_it_has_abated(string? clinicalStatus, string? abatement, bool counts)
    {
        var mapping = Map(Patient, Condition("c1", Icd, "C90.00", clinicalStatus, abatement: abatement));

        Assert.Equal(counts ? "multipleMyeloma" : null, (string?)mapping.Snapshot["indication"]);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("recurrence")]
    [InlineData("relapse")]
    [InlineData("inactive")]
    [InlineData("remission")]
    [InlineData("resolved")]
    [InlineData(null)]
    public void A_prior_VTE_counts_whatever_its_clinical_status_because_it_is_history(string? clinicalStatus)
    {
        var mapping = Map(Patient, Condition("c1", Icd, "I26.99", clinicalStatus, abatement: clinicalStatus is "resolved" ? "2025-03-01" : null));

        Assert.True((bool?)mapping.Snapshot["vteRiskFactors"]!["priorVte"]);
        Assert.Contains(mapping.Used, u => u.Field == "vteRiskFactors.priorVte" && u.Resource == "Condition/c1");
    }

    [Theory]
    [InlineData("refuted")]
    [InlineData("entered-in-error")]
    public void A_refuted_or_erroneous_VTE_is_no_prior_VTE(string verification)
    {
        var mapping = Map(Patient, Condition("c1", Icd, "I26.99", "resolved", verification));

        Assert.Null(mapping.Snapshot["vteRiskFactors"]?["priorVte"]);
    }

    [Theory]
    [InlineData("active", null, true)]
    [InlineData("recurrence", null, true)]
    [InlineData("relapse", null, true)]
    [InlineData(null, null, true)]
    [InlineData(null, "2025-03-01", false)]
    [InlineData("inactive", null, false)]
    [InlineData("remission", null, false)]
    [InlineData("resolved", null, false)]
    public void Other_VTE_risk_factors_count_only_while_current(string? clinicalStatus, string? abatement, bool counts)
    {
        var mapping = Map(Patient, Condition("c1", Icd, "E66.01", clinicalStatus, abatement: abatement));

        Assert.Equal(counts ? true : null, (bool?)mapping.Snapshot["vteRiskFactors"]?["obesity"]);
    }

    [Theory]
    [InlineData(Icd, "I26.99", "priorVte")]
    [InlineData(Icd, "I82.401", "priorVte")]
    [InlineData(Icd, "I82.501", "priorVte")]
    [InlineData(Icd, "Z86.718", "priorVte")]
    [InlineData(Icd, "E66.01", "obesity")]
    [InlineData(Icd, "I50.9", "cardiacDisease")]
    [InlineData(Icd, "I21.4", "cardiacDisease")]
    [InlineData(Icd, "I25.10", "cardiacDisease")]
    [InlineData(Icd, "N18.3", "chronicKidneyDisease")]
    [InlineData(Icd, "E08.9", "diabetes")]
    [InlineData(Icd, "E11.9", "diabetes")]
    [InlineData(Icd, "E13.9", "diabetes")]
    [InlineData(Icd, "D68.51", "inheritedThrombophilia")]
    [InlineData(Icd, "D68.52", "inheritedThrombophilia")]
    [InlineData(Icd, "D68.59", "inheritedThrombophilia")]
    public void Every_VTE_risk_factor_code_sets_its_factor(string system, string code, string factor)
    {
        var mapping = Map(Patient, Condition("c1", system, code));

        Assert.True((bool?)mapping.Snapshot["vteRiskFactors"]![factor]);
        Assert.Contains(mapping.Used, u => u.Field == "vteRiskFactors." + factor && u.Resource == "Condition/c1");
    }

    [Fact]
    public void Vte_risk_factors_FHIR_cannot_tell_are_listed_as_non_blocking_NotInFhir_problems()
    {
        var mapping = Map(Patient);

        var factors = mapping.Problems.Where(p => p.Field.StartsWith("vteRiskFactors.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["acuteInfection", "centralVenousCatheterOrPacemaker", "hyperviscosity", "immobilization", "newlyDiagnosedMyeloma", "recentSurgeryOrTrauma"],
            factors.Select(p => p.Field["vteRiskFactors.".Length..]).Order(StringComparer.Ordinal));
        Assert.All(factors, p => Assert.Equal((FhirProblemKind.NotInFhir, false), (p.Kind, p.Blocking)));
    }

    [Theory]
    [InlineData(Icd, "Z99.2", "renal.onDialysis")]
    [InlineData(Snomed, "105502003", "renal.onDialysis")]
    [InlineData(Icd, "Z33.1", "pregnant")]
    [InlineData(Icd, "O09.511", "pregnant")]
    [InlineData(Snomed, "77386006", "pregnant")]
    public void Dialysis_and_pregnancy_conditions_set_their_flags(string system, string code, string field)
    {
        var mapping = Map(Patient, Condition("c1", system, code));

        var parts = field.Split('.');
        var node = parts.Aggregate((System.Text.Json.Nodes.JsonNode?)mapping.Snapshot, (n, p) => n?[p]);
        Assert.True((bool?)node);
    }

    [Fact]
    public void Multiple_myeloma_without_the_transplant_extension_asks_for_it_without_blocking()
    {
        var mapping = Map(Patient, Condition("c1", Icd, "C90.00"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "therapy.transplantCandidate");
        Assert.Equal((FhirProblemKind.NotInFhir, false), (problem.Kind, problem.Blocking));
    }

    [Fact]
    public void Mds_without_the_monosomy_7_extension_asks_for_it_without_blocking()
    {
        var mapping = Map(Patient, Condition("c1", Icd, "D46.C"));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "cytogenetics.monosomy7");
        Assert.Equal((FhirProblemKind.NotInFhir, false), (problem.Kind, problem.Blocking));
    }
}
