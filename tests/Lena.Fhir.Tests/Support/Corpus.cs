using System.Text.Json;
using Hl7.Fhir.Model;

namespace Lena.Fhir.Tests.Support;

/// <summary>Loads a real-data corpus request (Corpus/*.json): the prefetch as the record, the draft order from context.</summary>
internal static class Corpus
{
    public static (FhirPatientRecord Record, MedicationRequest Draft) Read(string name, params string[] extraResources)
    {
        using var request = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", name + ".json")));
        var documents = request.RootElement.GetProperty("prefetch").EnumerateObject()
            .Select(key => new FhirDocument("prefetch." + key.Name, key.Value.Clone()))
            .Concat(extraResources.Select(r => Resources.Document(r, "added")))
            .ToList();
        var read = FhirPatientRecord.Read(documents);
        Assert.Empty(read.Problems);
        var drafts = FhirPatientRecord.Read([new FhirDocument("context.draftOrders", request.RootElement.GetProperty("context").GetProperty("draftOrders").Clone())]);
        return (read.Record, drafts.Record.MedicationRequests.Single());
    }

    public static FhirMapping Map(string name, DateOnly today, params string[] extraResources)
    {
        var (record, draft) = Read(name, extraResources);
        return FhirSnapshotMapper.Map(record, draft, today);
    }
}
