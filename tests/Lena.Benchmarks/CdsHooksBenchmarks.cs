using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Service;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Fhir;

namespace Lena.Benchmarks;

/// <summary>
/// A CDS Hooks order-sign call on samples/cds-hooks/order-sign.json (the spec's example plus our
/// prefetch, 10 KB): FHIR reading alone, FHIR → snapshot mapping, and the whole service call
/// (parse, read, map, assess, cards), against the plain assessment of the same patient.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CdsHooksBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private byte[] _request = [];
    private List<FhirDocument> _prefetch = [];
    private FhirPatientRecord _record = null!;
    private Hl7.Fhir.Model.MedicationRequest _draft = null!;
    private byte[] _snapshot = [];
    private CdsHookService _service = null!;
    private FhirDocument _draftOrders = null!;
    private FhirMapping _mapping = null!;
    private Lena.Clinical.Contract.Responses.AssessmentResponse _assessment = null!;
    private System.Text.Json.Nodes.JsonObject _draftJson = null!;

    private sealed class NoFhirServer : IFhirServerReader
    {
        public Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken) =>
            Task.FromResult(FhirServerRead.Failed("not used"));
    }

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(CdsHooksBenchmarks).Assembly.GetManifestResourceStream("Lena.Benchmarks.order-sign.json")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        _request = memory.ToArray();
        using var document = JsonDocument.Parse(_request);
        _prefetch = [.. document.RootElement.GetProperty("prefetch").EnumerateObject().Select(p => new FhirDocument(p.Name, p.Value.Clone()))];
        _record = FhirPatientRecord.Read(_prefetch).Record;
        _draftOrders = new FhirDocument("draft", document.RootElement.GetProperty("context").GetProperty("draftOrders").Clone());
        var drafts = FhirPatientRecord.Read([_draftOrders]).Record;
        _draft = drafts.MedicationRequests.Single(m => m.Id == "draft-len");
        _snapshot = JsonSerializer.SerializeToUtf8Bytes(FhirSnapshotMapper.Map(_record, _draft, Today).Snapshot, LenaJson.Options);
        _service = new CdsHookService(new NoFhirServer());
        _mapping = FhirSnapshotMapper.Map(_record, _draft, Today);
        _assessment = (Lena.Clinical.Contract.Responses.AssessmentResponse)ClinicalAnswer.For(Concern.Assessment, _snapshot, RuleSetDocument.Default, Today).Response!;
        _draftJson = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(
            document.RootElement.GetProperty("context").GetProperty("draftOrders").GetProperty("entry")[2].GetProperty("resource").GetRawText())!;
        if (ServiceCall().Response is not { Cards.Count: > 0 })
        {
            throw new InvalidOperationException("The sample gives no cards.");
        }
    }

    [Benchmark(Description = "Read the prefetch (Firely recoverable deserializer)")]
    public FhirRecordRead ReadPrefetch() => FhirPatientRecord.Read(_prefetch);

    [Benchmark(Description = "Map FHIR → snapshot")]
    public FhirMapping Map() => FhirSnapshotMapper.Map(_record, _draft, Today);

    [Benchmark(Description = "Assessment of the mapped snapshot (ClinicalAnswer.For)")]
    public ClinicalAnswer Assess() => ClinicalAnswer.For(Concern.Assessment, _snapshot, RuleSetDocument.Default, Today);

    [Benchmark(Description = "Parse the request (CdsHookRequestParser)")]
    public object ParseRequest() => Lena.CdsHooks.Requests.CdsHookRequestParser.Parse(_request, "order-sign", PrefetchTemplates.All.Keys);

    [Benchmark(Description = "Validate the mapped snapshot per card concern (3 × SnapshotValidator)")]
    public int ValidatePerConcern() =>
        Lena.Clinical.Validation.SnapshotValidator.Validate(_mapping.TypedSnapshot!, Concern.Dosing, RuleSetDocument.Default, Today).ToDictionary().Count
        + Lena.Clinical.Validation.SnapshotValidator.Validate(_mapping.TypedSnapshot!, Concern.VteProphylaxis, RuleSetDocument.Default, Today).ToDictionary().Count
        + Lena.Clinical.Validation.SnapshotValidator.Validate(_mapping.TypedSnapshot!, Concern.Contraindications, RuleSetDocument.Default, Today).ToDictionary().Count;

    [Benchmark(Description = "Read the draft orders")]
    public FhirRecordRead ReadDrafts() => FhirPatientRecord.Read([_draftOrders]);

    [Benchmark(Description = "Evaluate the parts, route findings and build the cards")]
    public IReadOnlyList<Lena.CdsHooks.Cards.Card> BuildCards()
    {
        var context = Lena.Clinical.Derived.PatientContext.Create(_mapping.TypedSnapshot!, RuleSetDocument.Default, Today);
        return Lena.CdsHooks.Cards.AdviceCardBuilder.Build(new Lena.CdsHooks.Cards.CardInput
        {
            PatientId = "1288992",
            DraftOrderReference = "MedicationRequest/draft-len",
            DraftOrderJson = _draftJson,
            Mapping = _mapping,
            Advice = Lena.Clinical.Assessment.ClinicalEvaluator.Parts(context, dosing: true, vte: true, contraindications: true),
        });
    }

    [Benchmark(Baseline = true, Description = "Whole order-sign call (CdsHookService)")]
    public CdsServiceOutcome ServiceCall() =>
        _service.HandleAsync(LenaCdsServices.OrderSignId, _request, RuleSetDocument.Default, Today, CancellationToken.None).GetAwaiter().GetResult();
}
