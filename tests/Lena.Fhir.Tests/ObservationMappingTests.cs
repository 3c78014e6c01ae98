using System.Text.Json.Nodes;
using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class ObservationMappingTests
{
    private static JsonNode? Field(FhirMapping mapping, string path) =>
        path.Split('.').Aggregate((JsonNode?)mapping.Snapshot, (node, part) => node?[part]);

    /// <summary>Both counts are needed for labs; the other one is given so the one under test shows.</summary>
    private static string Companion(string loinc) => loinc switch
    {
        "751-8" or "26499-4" or "753-4" => Observation("companion", "777-3", "200", Ucum("10*3/uL")),
        "777-3" or "26515-7" => Observation("companion", "751-8", "2", Ucum("10*3/uL")),
        _ => Patient,
    };

    [Theory]
    [InlineData("751-8", "2.5", "10*3/uL", "labs.ancPerMicroliter", "2500")]
    [InlineData("26499-4", "2.5", "10*3/uL", "labs.ancPerMicroliter", "2500")]
    [InlineData("753-4", "2.5", "10*3/uL", "labs.ancPerMicroliter", "2500")]
    [InlineData("777-3", "150", "10*3/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("26515-7", "150", "10*3/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("2160-0", "1.3", "mg/dL", "renal.serumCreatinineMgPerDl", "1.3")]
    [InlineData("14682-9", "100", "umol/L", "renal.serumCreatinineMgPerDl", "1.13")]
    [InlineData("29463-7", "70", "kg", "weightKg", "70")]
    [InlineData("8302-2", "170", "cm", "heightCm", "170")]
    public void Every_LOINC_code_maps_to_its_snapshot_field(string loinc, string value, string unit, string field, string expected)
    {
        var mapping = Map(Patient, Companion(loinc), Observation("o1", loinc, value, Ucum(unit)));

        Assert.Equal(expected, Field(mapping, field)?.ToJsonString());
        var used = Assert.Single(mapping.Used, u => u.Field == field && u.Resource == "Observation/o1");
        Assert.Equal(($"LOINC {loinc}", value, unit, new DateOnly(2026, 11, 20)), (used.Code, used.SourceValue, used.SourceUnit, used.Date));
    }

    [Theory]
    [InlineData("751-8", "10*3/uL", "1.5", 1500)]
    [InlineData("751-8", "10*3/mm3", "1.5", 1500)]
    [InlineData("751-8", "10*9/L", "1.5", 1500)]
    [InlineData("751-8", "10*6/L", "1500", 1500)]
    [InlineData("751-8", "/uL", "1500", 1500)]
    [InlineData("751-8", "/mm3", "1500", 1500)]
    [InlineData("751-8", "{cells}/uL", "1500", 1500)]
    [InlineData("777-3", "10*3/uL", "42", 42000)]
    [InlineData("777-3", "10*9/L", "42", 42000)]
    [InlineData("777-3", "/uL", "42000", 42000)]
    [InlineData("2160-0", "mg/dL", "2.1", 2.1)]
    [InlineData("14682-9", "umol/L", "88.42", 1.0)]
    [InlineData("29463-7", "kg", "72.5", 72.5)]
    [InlineData("29463-7", "g", "72500", 72.5)]
    [InlineData("29463-7", "[lb_av]", "160", 72.6)]
    [InlineData("8302-2", "cm", "165", 165)]
    [InlineData("8302-2", "m", "1.65", 165)]
    [InlineData("8302-2", "[in_i]", "65", 165.1)]
    public void Every_accepted_UCUM_unit_is_converted_with_its_factor(string loinc, string unit, string value, double expected)
    {
        var mapping = Map(Patient, Companion(loinc), Observation("o1", loinc, value, Ucum(unit)));

        var used = Assert.Single(mapping.Used, u => u.Resource == "Observation/o1" && u.Field != "labs.takenOn");
        Assert.Equal(expected, double.Parse(used.Value, System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.DoesNotContain(mapping.Problems, p => p.Kind == FhirProblemKind.UnknownUnit);
    }

    [Fact]
    public void The_unit_table_has_a_test_row_for_every_accepted_unit()
    {
        Assert.Equal(7 + 7 + 2 + 3 + 3 + 2, Codes.UcumUnits.Rows.Count()); // haemoglobin g/dL and g/L: PharmacistChecksMappingTests
    }

    [Theory]
    [InlineData("751-8", ""","unit":"thou/mm3" """)]
    [InlineData("751-8", ""","system":"http://unitsofmeasure.org","code":"%" """)]
    [InlineData("777-3", ""","system":"http://unitsofmeasure.org","code":"10*12/L" """)]
    [InlineData("777-3", "")]
    [InlineData("2160-0", ""","system":"http://unitsofmeasure.org","code":"mmol/L" """)]
    [InlineData("29463-7", ""","system":"http://example.org/units","code":"kg" """)]
    public void An_unknown_unit_is_an_UnknownUnit_problem_naming_the_resource_and_the_accepted_codes_never_a_guess(string loinc, string unitJson)
    {
        var mapping = Map(Patient, Observation("o1", loinc, "5", unitJson));

        var problem = Assert.Single(mapping.Problems, p => p.Kind == FhirProblemKind.UnknownUnit);
        Assert.Equal("Observation/o1", problem.Resource);
        Assert.Contains("Observation/o1", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Codes.UcumUnits.Accepted(Codes.LoincCodes.Concepts[loinc]).First(), problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mapping.Used, u => u.Resource == "Observation/o1");
    }

    [Fact]
    public void Unit_text_without_a_system_is_used_only_when_it_is_literally_an_accepted_UCUM_code()
    {
        var mapping = Map(Patient, Observation("o1", "2160-0", "1.2", ""","unit":"mg/dL" """));

        Assert.Equal(1.2, (double?)mapping.Snapshot["renal"]!["serumCreatinineMgPerDl"]);
    }

    [Fact]
    public void An_unknown_creatinine_unit_becomes_blocking_because_creatinine_is_required()
    {
        var mapping = Map(Patient, Observation("o1", "2160-0", "1.2", ""","unit":"mg%" """));

        var problem = Assert.Single(mapping.Problems, p => p.Field == "renal.serumCreatinineMgPerDl");
        Assert.Equal((FhirProblemKind.UnknownUnit, true, false), (problem.Kind, problem.Blocking, problem.ServerCouldResolve));
    }

    [Theory]
    [InlineData("preliminary")]
    [InlineData("registered")]
    [InlineData("cancelled")]
    [InlineData("entered-in-error")]
    [InlineData("unknown")]
    public void An_observation_that_is_not_final_amended_or_corrected_is_ignored(string status)
    {
        var mapping = Map(Patient,
            Observation("final", "2160-0", "1.0", Ucum("mg/dL"), date: "2026-11-10"),
            Observation("newer", "2160-0", "3.0", Ucum("mg/dL"), date: "2026-11-20", status: status));

        Assert.Equal(1.0, (double?)mapping.Snapshot["renal"]!["serumCreatinineMgPerDl"]);
    }

    [Theory]
    [InlineData("amended")]
    [InlineData("corrected")]
    public void Amended_and_corrected_observations_are_used(string status)
    {
        var mapping = Map(Patient, Observation("o1", "2160-0", "1.4", Ucum("mg/dL"), status: status));

        Assert.Equal(1.4, (double?)mapping.Snapshot["renal"]!["serumCreatinineMgPerDl"]);
    }

    [Fact]
    public void The_newest_value_wins_whatever_the_order_of_the_resources()
    {
        var mapping = Map(Patient,
            Observation("old", "751-8", "3.0", Ucum("10*3/uL"), date: "2026-10-01"),
            Observation("new", "751-8", "0.8", Ucum("10*3/uL"), date: "2026-11-20"),
            Observation("older", "751-8", "2.0", Ucum("10*3/uL"), date: "2026-09-01"),
            Observation("plt", "777-3", "90", Ucum("10*3/uL"), date: "2026-11-18"));

        Assert.Equal(800, (int?)mapping.Snapshot["labs"]!["ancPerMicroliter"]);
        Assert.Equal("2026-11-18", (string?)mapping.Snapshot["labs"]!["takenOn"]);
        Assert.Contains(mapping.Used, u => u.Field == "labs.takenOn" && u.Resource == "Observation/plt");
    }

    [Fact]
    public void Age_is_taken_on_the_date_of_the_creatinine_used_and_reported_without_the_birth_date()
    {
        var mapping = Map(
            """{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1950-11-25"}""",
            Observation("scr", "2160-0", "1.0", Ucum("mg/dL"), date: "2026-11-20"));

        Assert.Equal(75, (int?)mapping.Snapshot["ageYears"]);
        var age = Assert.Single(mapping.Used, u => u.Field == "ageYears");
        Assert.Equal(new DateOnly(2026, 11, 20), age.Date);
        Assert.DoesNotContain("1950", age.SourceValue ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004"}]}}""", true)]
    [InlineData("""{"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260385009"}]}}""", false)]
    [InlineData("""{"valueString":"Positive"}""", true)]
    [InlineData("""{"valueString":"negative"}""", false)]
    [InlineData("""{"valueQuantity":{"value":250,"system":"http://unitsofmeasure.org","code":"m[IU]/mL"},"interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"H"}]}]}""", true)]
    [InlineData("""{"valueQuantity":{"value":1,"system":"http://unitsofmeasure.org","code":"m[IU]/mL"},"interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"N"}]}]}""", false)]
    [InlineData("""{"interpretation":[{"coding":[{"code":"POS"}]}]}""", true)]
    [InlineData("""{"interpretation":[{"coding":[{"code":"NEG"}]}]}""", false)]
    public void A_pregnancy_test_result_is_read_from_its_code_text_or_interpretation_never_from_a_threshold(string result, bool positive)
    {
        foreach (var loinc in new[] { "2106-3", "2118-8", "21198-7", "2112-1", "2110-5", "19080-1" })
        {
            var test = JsonNode.Parse($$"""{"resourceType":"Observation","id":"hcg","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"{{loinc}}"}]},"effectiveDateTime":"2026-11-20"}""")!.AsObject();
            foreach (var (key, value) in JsonNode.Parse(result)!.AsObject())
            {
                test[key] = value?.DeepClone();
            }

            var mapping = Map(Patient, test.ToJsonString());

            Assert.Equal(positive ? "positive" : "negative", Assert.Single(mapping.Used, u => u.Field == "pregnancyTest").Value);
            Assert.Equal(positive ? true : null, (bool?)mapping.Snapshot["pregnant"]);
        }
    }

    [Fact]
    public void A_quantitative_hCG_without_interpretation_is_a_problem_not_a_threshold_guess()
    {
        var mapping = Map(Patient, Observation("hcg", "19080-1", "250", Ucum("m[IU]/mL")));

        Assert.Null(mapping.Snapshot["pregnant"]);
        Assert.Contains(mapping.Problems, p => p.Field == "pregnant" && p.Kind == FhirProblemKind.Invalid);
    }
}
