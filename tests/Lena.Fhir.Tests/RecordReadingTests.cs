using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class RecordReadingTests
{
    [Fact]
    public void Warm_up_reads_a_tiny_bundle_without_throwing()
    {
        FhirPatientRecord.WarmUp();
        FhirPatientRecord.WarmUp();
    }

    [Fact]
    public void Bundles_are_flattened_into_their_resources()
    {
        var bundle = $$"""{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{{Patient}}},{"resource":{{Observation("o1", "751-8", "2", Ucum("10*3/uL"))}}},{"resource":{{MedicationRequest("m1", "3264")}}}]}""";

        var read = FhirPatientRecord.Read([Document(bundle, "prefetch.all")]);

        Assert.Empty(read.Problems);
        Assert.Equal("p1", read.Record.Patient?.Id);
        Assert.Equal("o1", Assert.Single(read.Record.Observations).Id);
        Assert.Equal("m1", Assert.Single(read.Record.MedicationRequests).Id);
    }

    [Fact]
    public void A_resource_with_an_unknown_element_still_yields_its_valid_data_plus_a_problem()
    {
        var observation = Observation("o1", "2160-0", "1.4", Ucum("mg/dL")).Replace("\"status\"", "\"madeUpElement\":\"x\",\"status\"", StringComparison.Ordinal);

        var read = FhirPatientRecord.Read([Document(Patient), Document(observation, "prefetch.labs")]);
        var mapping = FhirSnapshotMapper.Map(read.Record, null, Support.Fixture.Today);

        var problem = Assert.Single(read.Problems);
        Assert.Equal((FhirProblemKind.Invalid, false, "Observation/o1"), (problem.Kind, problem.Blocking, problem.Resource));
        Assert.Contains("madeUpElement", problem.Message, StringComparison.Ordinal);
        Assert.Contains("prefetch.labs", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1.4, (double?)mapping.Snapshot["renal"]!["serumCreatinineMgPerDl"]);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_a_problem_and_is_not_used_never_an_exception()
    {
        var observation = Observation("o1", "2160-0", "\"abc\"", Ucum("mg/dL"));

        var read = FhirPatientRecord.Read([Document(Patient), Document(observation)]);
        var mapping = FhirSnapshotMapper.Map(read.Record, null, Support.Fixture.Today);

        Assert.Contains(read.Problems, p => p.Resource == "Observation/o1" && p.Message.Contains("wrong type", StringComparison.Ordinal));
        Assert.Null(mapping.Snapshot["renal"]);
        Assert.Contains(mapping.Problems, p => p.Field == "renal.serumCreatinineMgPerDl" && p.Blocking);
    }

    [Theory]
    [InlineData("""{"resourceType":"NotAResource","id":"x"}""")]
    [InlineData("""{"id":"no-type"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"resourceType":"Observation","status":{"nested":"object"}}""")]
    public void A_document_that_is_not_a_readable_resource_becomes_a_problem_not_an_exception(string json)
    {
        var read = FhirPatientRecord.Read([Document(json, "prefetch.broken"), Document(Patient)]);

        Assert.Equal("p1", read.Record.Patient?.Id);
        Assert.Contains(read.Problems, p => p.Field.StartsWith("prefetch.broken", StringComparison.Ordinal) || p.Message.Contains("prefetch.broken", StringComparison.Ordinal));
    }

    [Fact]
    public void With_unions_two_records_keeping_one_resource_per_type_and_id()
    {
        var first = FhirPatientRecord.Read([Document(Patient), Document(Observation("o1", "751-8", "2", Ucum("10*3/uL")))]).Record;
        var more = FhirPatientRecord.Read([Document(Patient), Document(Observation("o1", "751-8", "9", Ucum("10*3/uL"))), Document(Observation("o2", "777-3", "150", Ucum("10*3/uL")))]).Record;

        var union = first.With(more);

        Assert.Single(union.Patients);
        Assert.Equal(["o1", "o2"], union.Observations.Select(o => o.Id));
        Assert.Equal(2m, Assert.IsType<Hl7.Fhir.Model.Quantity>(union.Observations[0].Value).Value);
    }

    /// <summary>
    /// An element of the wrong shape is kept by recoverable reading, but its typed property throws when read
    /// (the mapping would have failed the whole CDS call with a 500). Such a resource is ignored with a problem
    /// naming the element, as an unreadable one is; the rest of the record is still used.
    /// </summary>
    [Theory]
    [InlineData("Observation", "contained", "\"x\"", "one value where a list belongs")]
    [InlineData("Observation", "code", "[{\"text\":\"creatinine\"}]", "a list where one value belongs")]
    [InlineData("Observation", "status", "[\"final\"]", "a list where one value belongs")]
    [InlineData("Observation", "valueQuantity", "\"x\"", "wrong shape: ")]
    [InlineData("MedicationRequest", "contained", "\"x\"", "one value where a list belongs")]
    [InlineData("MedicationRequest", "dosageInstruction", "{\"text\":\"once daily\"}", "one value where a list belongs")]
    [InlineData("Condition", "code", "[{\"text\":\"myeloma\"}]", "a list where one value belongs")]
    public void A_resource_with_an_element_of_the_wrong_shape_is_ignored_with_a_problem_not_an_exception(string type, string element, string value, string expected)
    {
        var json = type switch
        {
            "Observation" => Observation("o1", "2160-0", "1.4", Ucum("mg/dL")),
            "MedicationRequest" => MedicationRequest("o1", "0"),
            _ => Condition("o1", "http://snomed.info/sct", "109989006"),
        };
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[element] = System.Text.Json.Nodes.JsonNode.Parse(value);
        var good = Observation("o2", "2160-0", "1.1", Ucum("mg/dL"));

        var read = FhirPatientRecord.Read([Document(Patient), Document(node.ToJsonString(), "prefetch.broken"), Document(good)]);
        var mapping = FhirSnapshotMapper.Map(read.Record, null, Support.Fixture.Today);

        Assert.NotNull(mapping.Snapshot);
        Assert.DoesNotContain(read.Record.Observations.Cast<Hl7.Fhir.Model.Resource>().Concat(read.Record.MedicationRequests).Concat(read.Record.Conditions), r => r.Id == "o1");
        Assert.Equal("o2", Assert.Single(read.Record.Observations).Id);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(FhirProblemKind.Invalid, problem.Kind);
        Assert.Contains($"{type}.{element.Replace("Quantity", "", StringComparison.Ordinal)}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains("prefetch.broken", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contained_medications_are_listed_with_the_records_medications()
    {
        var request = MedicationRequest("m1", "0").Replace("\"status\"", """ "contained":[{"resourceType":"Medication","id":"med"}],"status" """, StringComparison.Ordinal);

        var record = FhirPatientRecord.Read([Document(request)]).Record;

        Assert.Equal("med", Assert.Single(record.Medications).Id);
    }
}
