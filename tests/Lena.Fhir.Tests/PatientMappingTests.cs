using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class PatientMappingTests
{
    private static string PatientWith(string gender, string birthDate, string extensions = "") =>
        $$$"""{"resourceType":"Patient","id":"p1","gender":"{{{gender}}}","birthDate":"{{{birthDate}}}","extension":[{{{extensions}}}]}""";

    private static string Flag(string url, bool value) => $$"""{"url":"{{url}}","valueBoolean":{{(value ? "true" : "false")}}}""";

    [Theory]
    [InlineData("1995-01-01")]
    [InlineData("1950-01-01")]
    [InlineData("1935-01-01")]
    public void A_female_without_the_reproductive_potential_extension_is_blocking_NotInFhir_whatever_her_age(string birthDate)
    {
        var mapping = Map(PatientWith("female", birthDate));

        Assert.Null(mapping.Snapshot["femaleOfReproductivePotential"]);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "femaleOfReproductivePotential");
        Assert.Equal((FhirProblemKind.NotInFhir, true, false), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
        Assert.Contains(LenaFhirExtensions.FemaleOfReproductivePotential, problem.Message, StringComparison.Ordinal);
        Assert.False(mapping.CanEvaluate);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_reproductive_potential_extension_is_used_as_sent(bool value)
    {
        var mapping = Map(PatientWith("female", "1990-01-01", Flag(LenaFhirExtensions.FemaleOfReproductivePotential, value)));

        Assert.Equal(value, (bool?)mapping.Snapshot["femaleOfReproductivePotential"]);
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "femaleOfReproductivePotential");
    }

    [Theory]
    [InlineData(LenaFhirExtensions.IrregularMenstrualCycles, "irregularMenstrualCycles")]
    [InlineData(LenaFhirExtensions.Breastfeeding, "breastfeeding")]
    [InlineData(LenaFhirExtensions.TransplantCandidate, "therapy.transplantCandidate")]
    [InlineData(LenaFhirExtensions.CytogeneticsDel5q, "cytogenetics.del5q")]
    [InlineData(LenaFhirExtensions.CytogeneticsMonosomy7, "cytogenetics.monosomy7")]
    [InlineData(LenaFhirExtensions.CytogeneticsTp53Mutation, "cytogenetics.tp53Mutation")]
    public void Every_patient_extension_fills_its_field(string url, string field)
    {
        var mapping = Map(PatientWith("female", "1990-01-01", Flag(LenaFhirExtensions.FemaleOfReproductivePotential, true) + "," + Flag(url, true)));

        var node = field.Split('.').Aggregate((System.Text.Json.Nodes.JsonNode?)mapping.Snapshot, (n, p) => n?[p]);
        Assert.True((bool?)node);
        Assert.Contains(mapping.Used, u => u.Field == field && u.Code == url);
    }

    [Fact]
    public void Us_core_birth_sex_wins_over_gender()
    {
        var birthSex = """{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex","valueCode":"M"}""";

        var mapping = Map(PatientWith("female", "1960-01-01", birthSex));

        Assert.Equal("male", (string?)mapping.Snapshot["sex"]);
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "femaleOfReproductivePotential");
    }

    [Theory]
    [InlineData("other")]
    [InlineData("unknown")]
    public void Other_or_unknown_gender_without_birth_sex_is_blocking(string gender)
    {
        var mapping = Map(PatientWith(gender, "1960-01-01"));

        Assert.Null(mapping.Snapshot["sex"]);
        Assert.True(Assert.Single(mapping.Problems, p => p.Field == "sex").Blocking);
    }

    [Fact]
    public void No_patient_is_a_blocking_Missing_problem_a_FHIR_search_could_resolve()
    {
        var problem = Assert.Single(Map().Problems, p => p.Field == "sex");

        Assert.Equal((FhirProblemKind.Missing, true, true), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
    }

    [Fact]
    public void Two_different_patients_are_ambiguous()
    {
        var mapping = Map(Patient, """{"resourceType":"Patient","id":"p2","gender":"female"}""");

        Assert.Equal(FhirProblemKind.Ambiguous, Assert.Single(mapping.Problems, p => p.Field == "sex").Kind);
    }

    [Fact]
    public void Creatinine_is_required_and_then_age_and_weight_are_too()
    {
        var none = Map(Patient);
        var creatinine = Assert.Single(none.Problems, p => p.Field == "renal.serumCreatinineMgPerDl");
        Assert.Equal((FhirProblemKind.Missing, true, true), (creatinine.Kind, creatinine.Blocking, creatinine.ServerCouldResolve));

        var withCreatinine = Map(Patient, Observation("scr", "2160-0", "1.0", Ucum("mg/dL")));
        var weight = Assert.Single(withCreatinine.Problems, p => p.Field == "weightKg");
        Assert.Equal((FhirProblemKind.Missing, true, true), (weight.Kind, weight.Blocking, weight.ServerCouldResolve));
        Assert.Contains("29463-7", weight.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_patient_id_is_put_into_the_snapshot()
    {
        Assert.Null(Map(Patient).Snapshot["patientId"]);
    }
}
