using Lena.Fhir.Codes;
using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

/// <summary>Labs as laboratories send them: blood creatinine codes and the thousands-per-microliter count spellings.</summary>
public class LabCodeTests
{
    [Theory]
    [InlineData("38483-4", "1.1", "mg/dL", "1.1")] // Creatinine [Mass/volume] in Blood (every Synthea creatinine)
    [InlineData("59826-8", "97", "umol/L", "1.1")] // Creatinine [Moles/volume] in Blood
    [InlineData("77140-2", "97", "umol/L", "1.1")] // Creatinine [Moles/volume] in Serum, Plasma or Blood
    [InlineData("35203-9", "1.1", "mg/dL", "1.1")] // Creatinine [Mass or Moles/volume] in Serum or Plasma
    public void Blood_and_serum_creatinine_codes_give_the_creatinine_with_their_code(string loinc, string value, string unit, string expectedMgPerDl)
    {
        var mapping = Map(Patient, Observation("cr", loinc, value, Ucum(unit)));

        var used = Assert.Single(mapping.Used, u => u.Field == "renal.serumCreatinineMgPerDl");
        Assert.Equal((expectedMgPerDl, $"LOINC {loinc}", "Observation/cr"), (used.Value, used.Code, used.Resource));
    }

    [Theory]
    [InlineData("11041-1")] // post dialysis
    [InlineData("51619-5")] // pre dialysis
    [InlineData("21232-4")] // arterial blood
    public void Dialysis_and_arterial_creatinine_codes_are_not_read(string loinc) =>
        Assert.DoesNotContain(Map(Patient, Observation("cr", loinc, "1.1", Ucum("mg/dL"))).Used, u => u.Field == "renal.serumCreatinineMgPerDl");

    [Theory]
    [InlineData("777-3", "K/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("777-3", "10^3/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("777-3", "x10E3/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("26515-7", "K/uL", "labs.plateletsPerMicroliter", "150000")]
    [InlineData("751-8", "K/uL", "labs.ancPerMicroliter", "150000")]
    [InlineData("751-8", "10^3/uL", "labs.ancPerMicroliter", "150000")]
    [InlineData("751-8", "x10E3/uL", "labs.ancPerMicroliter", "150000")]
    public void Thousands_per_microliter_spellings_of_blood_counts_are_read_as_10_3_per_uL(string loinc, string unit, string field, string expected)
    {
        var companion = loinc == "751-8"
            ? Observation("other", "777-3", "200", Ucum("10*3/uL"))
            : Observation("other", "751-8", "2", Ucum("10*3/uL"));

        var mapping = Map(Patient, companion, Observation("count", loinc, "150", Ucum(unit)));

        var used = Assert.Single(mapping.Used, u => u.Field == field);
        Assert.Equal((expected, unit), (used.Value, used.SourceUnit));
        Assert.DoesNotContain(mapping.Problems, p => p.Kind == FhirProblemKind.UnknownUnit);
    }

    [Fact]
    public void A_count_spelling_sent_only_as_Quantity_unit_is_read_too()
    {
        var mapping = Map(Patient, Observation("anc", "751-8", "2", Ucum("10*3/uL")), Observation("plt", "777-3", "150", ""","unit":"K/uL" """));

        var used = Assert.Single(mapping.Used, u => u.Field == "labs.plateletsPerMicroliter");
        Assert.Equal(("150000", "K/uL"), (used.Value, used.SourceUnit));
    }

    [Theory]
    [InlineData("2160-0", "K/uL")]
    [InlineData("29463-7", "K/uL")]
    [InlineData("2160-0", "10^3/uL")]
    public void The_count_spellings_are_nothing_but_counts(string loinc, string unit)
    {
        var mapping = Map(Patient, Observation("o", loinc, "1", Ucum(unit)));

        Assert.Contains(mapping.Problems, p => p.Kind == FhirProblemKind.UnknownUnit && p.Message.Contains(unit, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_alias_stands_for_an_accepted_count_unit() =>
        Assert.All(UcumUnits.CountAliases.Values, ucum => Assert.Contains(ucum, UcumUnits.Accepted(LabConcept.Platelets)));

    [Fact]
    public void The_prefetch_code_list_is_the_mapping_table() =>
        Assert.Equal(LoincCodes.Concepts.Keys.Order(StringComparer.Ordinal), FhirObservationCodes.Loinc.Order(StringComparer.Ordinal));
}
