using System.Text.Json;

namespace Lena.Fhir.Tests.Support;

/// <summary>Builds small FHIR JSON documents for table-driven tests.</summary>
internal static class Resources
{
    public const string Patient = """{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1950-01-01"}""";

    public static FhirDocument Document(string json, string location = "test") =>
        new(location, JsonDocument.Parse(json).RootElement.Clone());

    public static string Observation(string id, string loinc, string value, string unitJson, string date = "2026-11-20", string status = "final") =>
        $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"{{{status}}}","code":{"coding":[{"system":"http://loinc.org","code":"{{{loinc}}}"}]},"effectiveDateTime":"{{{date}}}","valueQuantity":{"value":{{{value}}}{{{unitJson}}} }}""";

    public static string Ucum(string code) => $$""","system":"http://unitsofmeasure.org","code":"{{code}}" """;

    /// <param name="clinicalStatus">null leaves clinicalStatus out.</param>
    /// <param name="abatement">An abatementDateTime, or null for none.</param>
    public static string Condition(string id, string system, string code, string? clinicalStatus = "active", string verification = "confirmed", string? abatement = null)
    {
        var status = clinicalStatus is null ? string.Empty : $$"""
            "clinicalStatus":{"coding":[{"code":"{{clinicalStatus}}"}]},
            """;
        var abated = abatement is null ? string.Empty : $$"""
            "abatementDateTime":"{{abatement}}",
            """;
        return $$$"""{"resourceType":"Condition","id":"{{{id}}}",{{{status}}}{{{abated}}}"verificationStatus":{"coding":[{"code":"{{{verification}}}"}]},"code":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}]}}""";
    }

    /// <summary>Sets the subject reference (AllergyIntolerance: patient) of a resource's JSON.</summary>
    public static string About(string resourceJson, string reference)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(resourceJson)!.AsObject();
        var element = (string?)node["resourceType"] == "AllergyIntolerance" ? "patient" : "subject";
        node[element] = new System.Text.Json.Nodes.JsonObject { ["reference"] = reference };
        return node.ToJsonString();
    }

    public static string MedicationRequest(string id, string rxnorm, string dose = "1", string unit = "mg", string status = "active", int frequency = 1, int period = 1, string periodUnit = "d") =>
        $$$"""{"resourceType":"MedicationRequest","id":"{{{id}}}","status":"{{{status}}}","intent":"order","authoredOn":"2026-11-01","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"{{{rxnorm}}}"}]},"dosageInstruction":[{"timing":{"repeat":{"frequency":{{{frequency}}},"period":{{{period}}},"periodUnit":"{{{periodUnit}}}"}},"doseAndRate":[{"doseQuantity":{"value":{{{dose}}},"system":"http://unitsofmeasure.org","code":"{{{unit}}}"}}]}]}""";

    public static FhirMapping Map(params string[] resources) => MapWithDraft(null, resources);

    public static FhirMapping MapWithDraft(string? draftOrderId, params string[] resources)
    {
        var read = FhirPatientRecord.Read(resources.Select(r => Document(r)));
        var draft = read.Record.MedicationRequests.SingleOrDefault(m => m.Id == draftOrderId);
        return FhirSnapshotMapper.Map(read.Record, draft, Fixture.Today);
    }
}
