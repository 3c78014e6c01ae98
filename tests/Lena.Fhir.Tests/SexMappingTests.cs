using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

/// <summary>US Core 8 patients carry us-core-sex (and may carry patient-sexParameterForClinicalUse) instead of gender or birth sex.</summary>
public class SexMappingTests
{
    private const string UsCoreSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    private const string Spcu = "http://hl7.org/fhir/StructureDefinition/patient-sexParameterForClinicalUse";

    private static string PatientWith(string extensions, string gender = "") =>
        $$$"""{"resourceType":"Patient","id":"p1",{{{gender}}}"birthDate":"1950-01-01","extension":[{{{extensions}}}]}""";

    private static string Sex(string snomed) =>
        $$$"""{"url":"{{{UsCoreSex}}}","valueCoding":{"system":"http://snomed.info/sct","code":"{{{snomed}}}"}}""";

    private static string Parameter(string code, string period = "") =>
        $$$"""{"url":"{{{Spcu}}}","extension":[{"url":"value","valueCodeableConcept":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/sex-parameter-for-clinical-use","code":"{{{code}}}"}]}}{{{period}}}]}""";

    [Theory]
    [InlineData("248152002", "female")]
    [InlineData("248153007", "male")]
    public void US_Core_sex_alone_gives_the_sex(string snomed, string sex)
    {
        var mapping = Map(PatientWith(Sex(snomed)));

        var used = Assert.Single(mapping.Used, u => u.Field == "sex");
        Assert.Equal((sex, "US Core sex", snomed), (used.Value, used.Code, used.SourceValue));
        Assert.DoesNotContain(mapping.Problems, p => p.Field == "sex");
    }

    [Theory]
    [InlineData("female-typical", "248153007", "female")]
    [InlineData("male-typical", "248152002", "male")]
    public void The_sex_parameter_for_clinical_use_wins_and_the_disagreement_is_named(string parameter, string usCoreSex, string sex)
    {
        var mapping = Map(PatientWith(Sex(usCoreSex) + "," + Parameter(parameter)));

        Assert.Equal(sex, Assert.Single(mapping.Used, u => u.Field == "sex").Value);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "sex");
        Assert.Equal((FhirProblemKind.Ambiguous, false), (problem.Kind, problem.Blocking));
    }

    [Fact]
    public void An_ended_sex_parameter_does_not_count()
    {
        var mapping = Map(PatientWith(Sex("248153007") + "," + Parameter("female-typical", """,{"url":"period","valuePeriod":{"end":"2020-01-01"}}""")));

        Assert.Equal("male", Assert.Single(mapping.Used, u => u.Field == "sex").Value);
    }

    [Fact]
    public void Without_a_readable_sex_the_problem_asks_for_US_Core_8_not_birth_sex()
    {
        var mapping = Map(PatientWith(Parameter("specified")));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "sex");
        Assert.True(problem.Blocking);
        Assert.Contains("us-core-sex", problem.Message, StringComparison.Ordinal);
        Assert.Contains("patient-sexParameterForClinicalUse", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("birthsex", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gender_still_works_when_nothing_else_is_sent() =>
        Assert.Equal("female", Assert.Single(Map(PatientWith(string.Empty, "\"gender\":\"female\",")).Used, u => u.Field == "sex").Value);
}
