using Lena.Fhir.Mapping;
using static Lena.Fhir.Tests.Support.Resources;

namespace Lena.Fhir.Tests;

public class PatientScopeTests
{
    private const string Icd = "http://hl7.org/fhir/sid/icd-10-cm";
    private static readonly string Anc = Observation("anc", "751-8", "1500", Ucum("/uL"));
    private static readonly string Platelets = Observation("plt", "777-3", "150000", Ucum("/uL"));

    [Theory]
    [InlineData("Patient/p1", "p1")]
    [InlineData("https://fhir.example.org/r4/Patient/p1", "p1")]
    [InlineData("Patient/p1/_history/3", "p1")]
    [InlineData("Patient/other", "other")]
    [InlineData("urn:uuid:6f1c2a52-0c6e-4b0c-9f1e-2f1f7a1a2b3c", null)]
    [InlineData("Group/g1", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_patient_id_is_read_from_relative_absolute_and_versioned_references(string? reference, string? id)
    {
        Assert.Equal(id, PatientScope.PatientId(reference));
    }

    [Theory]
    [InlineData("Patient/p1", true)]
    [InlineData("https://fhir.example.org/r4/Patient/p1", true)]
    [InlineData("urn:uuid:6f1c2a52-0c6e-4b0c-9f1e-2f1f7a1a2b3c", true)]
    [InlineData(null, true)]
    [InlineData("Patient/other", false)]
    [InlineData("https://fhir.example.org/r4/Patient/other", false)]
    public void An_observation_of_another_patient_is_ignored_with_a_non_blocking_problem(string? subject, bool used)
    {
        var mapping = Map(Patient, subject is null ? Anc : About(Anc, subject), Platelets);

        Assert.Equal(used ? 1500 : null, (int?)mapping.Snapshot["labs"]?["ancPerMicroliter"]);
        var problems = mapping.Problems.Where(p => p.Resource == "Observation/anc").ToList();
        if (used)
        {
            Assert.Empty(problems);
            return;
        }

        var problem = Assert.Single(problems);
        Assert.Equal(("Observation.subject", FhirProblemKind.Invalid, false), (problem.Field, problem.Kind, problem.Blocking));
        Assert.Contains(subject!, problem.Message, StringComparison.Ordinal);
        Assert.Contains("Patient/p1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_of_another_patient_gives_no_indication()
    {
        var mapping = Map(Patient, About(Condition("c1", Icd, "C90.00"), "Patient/other"));

        Assert.Null(mapping.Snapshot["indication"]);
        Assert.Contains(mapping.Problems, p => p.Field == "Condition.subject" && p.Resource == "Condition/c1" && !p.Blocking);
    }

    [Fact]
    public void A_medication_request_of_another_patient_is_not_a_co_medication()
    {
        var mapping = Map(Patient, About(MedicationRequest("m1", "11289"), "Patient/other"));

        Assert.Null(mapping.Snapshot["concomitantMedications"]);
        Assert.Contains(mapping.Problems, p => p.Field == "MedicationRequest.subject" && p.Resource == "MedicationRequest/m1" && !p.Blocking);
    }

    [Fact]
    public void Without_a_Patient_resources_are_used_whatever_their_subject()
    {
        var mapping = Map(About(Condition("c1", Icd, "C90.00"), "Patient/other"));

        Assert.Equal("multipleMyeloma", (string?)mapping.Snapshot["indication"]);
    }
}
