using System.Text.Json;
using Hl7.Fhir.Model;

namespace Lena.Fhir.Tests.Support;

/// <summary>Loads a FHIR Bundle fixture from Fixtures/ and maps it, the draft order picked by id.</summary>
internal static class Fixture
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static FhirRecordRead Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return FhirPatientRecord.Read([new FhirDocument("prefetch." + name, document.RootElement.Clone())]);
    }

    public static FhirMapping Map(string name, string? draftOrderId = "draft-len", Action<MedicationRequest>? changeDraft = null)
    {
        var read = Read(name);
        Assert.Empty(read.Problems);
        var draft = read.Record.MedicationRequests.SingleOrDefault(m => m.Id == draftOrderId);
        if (draft is not null && changeDraft is not null)
        {
            changeDraft(draft);
        }

        return FhirSnapshotMapper.Map(read.Record, draft, Today);
    }
}
