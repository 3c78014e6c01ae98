using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

/// <summary>Issue 12's inputs from FHIR: haemoglobin (718-7), liver tests as multiples of ULN, every hCG result.</summary>
public class PharmacistChecksMappingTests
{
    /// <summary>Myeloma, so the record gives an indication and a sex (the typed snapshot needs both).</summary>
    private static readonly string Myeloma = Condition("mm", "http://hl7.org/fhir/sid/icd-10-cm", "C90.00");

    private static FhirMapping MapWith(params string[] resources) => Map([Patient, Myeloma, .. resources]);

    private static readonly string Anc = Observation("anc", "751-8", "2", Ucum("10*3/uL"));
    private static readonly string Platelets = Observation("plt", "777-3", "200", Ucum("10*3/uL"));

    private static string Liver(string id, string loinc, string value, string unit, string? high) =>
        $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"{{{loinc}}}"}]},"effectiveDateTime":"2026-11-20","valueQuantity":{"value":{{{value}}},"system":"http://unitsofmeasure.org","code":"{{{unit}}}"}{{{(high is null ? "" : $$$""","referenceRange":[{"high":{"value":{{{high}}},"system":"http://unitsofmeasure.org","code":"{{{unit}}}"}}]""")}}} }""";

    private static string Hcg(string id, string date, string snomed) =>
        $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2106-3"}]},"effectiveDateTime":"{{{date}}}","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"{{{snomed}}}"}]}}""";

    [Theory]
    [InlineData("g/dL", "11.2", 11.2)]
    [InlineData("g/L", "112", 11.2)]
    public void HaemoglobinGoesWithTheCountsInGramsPerDeciliter(string unit, string value, double expected)
    {
        var mapping = MapWith(Anc, Platelets, Observation("hb", "718-7", value, Ucum(unit)));

        Assert.Equal(expected, (double?)mapping.Snapshot["labs"]!["hemoglobinGPerDl"]);
        Assert.Equal(expected, mapping.TypedSnapshot!.Labs!.HemoglobinGPerDl);
    }

    [Fact]
    public void HaemoglobinWithoutCountsIsNotMapped() =>
        Assert.Null(MapWith(Observation("hb", "718-7", "11.2", Ucum("g/dL"))).Snapshot["labs"]);

    [Fact]
    public void LiverValuesAreDividedByTheirReferenceRangeHigh()
    {
        var mapping = MapWith(Liver("alt", "1742-6", "96", "U/L", "40"), Liver("ast", "1920-8", "30", "U/L", "40"), Liver("bili", "1975-2", "1.8", "mg/dL", "1.2"));

        var liver = mapping.TypedSnapshot!.Liver!;
        Assert.Equal(2.4, liver.AltTimesUpperLimit);
        Assert.Equal(0.75, liver.AstTimesUpperLimit);
        Assert.Equal(1.5, liver.BilirubinTimesUpperLimit);
        Assert.Equal(new DateOnly(2026, 11, 20), liver.TakenOn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("mismatch")]
    public void ALiverValueWithoutAReferenceRangeInItsUnitIsAProblemNeverAGuess(string? kind)
    {
        var observation = kind is null
            ? Liver("alt", "1742-6", "96", "U/L", null)
            : Liver("alt", "1742-6", "96", "U/L", "40").Replace("\"code\":\"U/L\"}}]", "\"code\":\"ukat/L\"}}]", StringComparison.Ordinal);
        var mapping = MapWith(observation);

        Assert.Null(mapping.TypedSnapshot!.Liver);
        var problem = Assert.Single(mapping.Problems, p => p.Field == "liver.altTimesUpperLimit");
        Assert.False(problem.Blocking);
        Assert.Contains("referenceRange.high", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryHcgResultBecomesAPregnancyTest()
    {
        var mapping = MapWith(Hcg("h1", "2026-11-10", "260385009"), Hcg("h2", "2026-11-19", "260385009"));

        Assert.Equal(
            [(new DateOnly(2026, 11, 10), Lena.Clinical.Snapshot.PregnancyTestResult.Negative), (new DateOnly(2026, 11, 19), Lena.Clinical.Snapshot.PregnancyTestResult.Negative)],
            mapping.TypedSnapshot!.PregnancyTests.Select(t => (t.TakenOn, t.Result)));
    }
}
