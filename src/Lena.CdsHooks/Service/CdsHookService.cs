using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Cards;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Requests;
using Lena.Clinical.Contract;
using Lena.Clinical.Assessment;
using Lena.Clinical.Derived;
using Lena.Clinical.Validation;
using Lena.Clinical.Rules;
using Lena.Fhir;
using Hl7.Fhir.Model;

namespace Lena.CdsHooks.Service;

/// <summary>
/// One CDS Hooks call, end to end: parse the request, collect prefetch (or read what is missing
/// from the client's FHIR server), map FHIR to the patient snapshot, evaluate it exactly as
/// <c>POST /api/assessments</c> would, and turn the answer into cards.
/// </summary>
public sealed class CdsHookService(IFhirServerReader fhirServer)
{
    public async Task<CdsServiceOutcome> HandleAsync(string serviceId, ReadOnlyMemory<byte> body, RuleSet rules, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var service = LenaCdsServices.Find(serviceId);
        if (service is null)
        {
            return CdsServiceOutcome.Failed(LenaCdsServices.UnknownService());
        }

        var (request, errors) = CdsHookRequestParser.Parse(body, service.Hook, service.Prefetch.Keys);
        if (request is null)
        {
            return CdsServiceOutcome.Failed(ProblemDetails.Validation(errors));
        }

        var drafts = FhirPatientRecord.Read([new FhirDocument("context.draftOrders", request.Context.DraftOrders)]);
        var lenalidomideDrafts = drafts.Record.MedicationRequests.Where(order => LenalidomideOrders.IsLenalidomide(order, drafts.Record)).ToList();
        if (lenalidomideDrafts.Count == 0)
        {
            // Not our drug: nothing to say, and saying nothing is the polite CDS Hooks answer.
            return CdsServiceOutcome.Cards([], rules.Version) with { PatientId = request.Context.PatientId };
        }

        var collected = await CollectAsync(request, service, cancellationToken).ConfigureAwait(false);
        var record = FhirPatientRecord.Read(collected.Documents);
        if (OtherPatients(record.Record, request.Context.PatientId) is { } mismatch)
        {
            return CdsServiceOutcome.Failed(mismatch) with { PatientId = request.Context.PatientId };
        }

        var cards = new List<Card>();
        foreach (var draft in lenalidomideDrafts)
        {
            var mapping = FhirSnapshotMapper.Map(record.Record, draft, today, rules);
            // 412 only for a prefetch key that was not sent and that a FHIR server could supply but did not (none was
            // given, or it failed): the EHR can answer that by sending it. Data absent from what was sent is no reason to
            // refuse: the missing-data card says which advice it withholds and every other problem, so the clinician sees
            // that no advice (or only part of it) was given.
            var unfetchable = mapping.Problems
                .Where(p => p.Blocking && p.ServerCouldResolve && PrefetchTemplates.KeyFor(p.Field) is { } key && collected.Missing.Contains(key))
                .ToList();
            if (unfetchable.Count > 0)
            {
                return CdsServiceOutcome.Failed(PreconditionFailed(unfetchable, collected)) with { PatientId = request.Context.PatientId };
            }

            cards.AddRange(CardsFor(request, draft, mapping, record.Problems, rules, today));
        }

        return CdsServiceOutcome.Cards(cards, rules.Version) with { PatientId = request.Context.PatientId };
    }

    /// <summary>
    /// Cards about one patient from another's data would be dangerous: every Patient the prefetch
    /// (or the FHIR server) supplied must be the one in <c>context.patientId</c>.
    /// </summary>
    private static ProblemDetails? OtherPatients(FhirPatientRecord record, string contextPatientId)
    {
        if (record.Patients.All(p => string.IsNullOrEmpty(p.Id) || string.Equals(p.Id, contextPatientId, StringComparison.Ordinal)))
        {
            return null;
        }

        var errors = new ValidationErrors();
        errors.Add("prefetch." + PrefetchTemplates.Patient, "is a different Patient than context.patientId; send the prefetch of the patient in context.");
        return ProblemDetails.Validation(errors);
    }

    /// <summary>The card concerns a CDS call answers, with the clinical concern whose inputs each rests on.</summary>
    private static readonly (CardConcern Card, Concern Concern)[] Answered =
    [
        (CardConcern.Dose, Concern.Dosing),
        (CardConcern.Vte, Concern.VteProphylaxis),
        (CardConcern.Contraindications, Concern.Contraindications),
    ];

    private static List<Card> CardsFor(CdsHookRequest request, MedicationRequest draft, FhirMapping mapping, IReadOnlyList<FhirMappingProblem> readProblems, RuleSet rules, DateOnly today)
    {
        var draftReference = "MedicationRequest/" + (draft.Id ?? "draft");
        var problems = mapping.Problems.Concat(readProblems).ToList();
        if (mapping.TypedSnapshot is not { } snapshot)
        {
            return [MissingDataCard.Build(request.Context.PatientId, draftReference, problems, rules.Version)];
        }

        // Each concern is answered when what it rests on is known: a blocking problem of one of its inputs, or a
        // validation error for it, withholds that concern's card alone, and the missing-data card says why.
        var withheld = new List<WithheldAdvice>();
        foreach (var (card, concern) in Answered)
        {
            var because = mapping.Problems.Where(p => p.Blocking && (ConcernInputs.Reads(concern, p.Field) || !ConcernInputs.Reads(Concern.Assessment, p.Field)))
                .Concat(Invalid(SnapshotValidator.Validate(snapshot, concern, rules, today)))
                .ToList();
            if (because.Count > 0)
            {
                withheld.Add(new WithheldAdvice(card, because));
            }
        }

        bool Given(CardConcern card) => withheld.TrueForAll(w => w.Concern != card);
        var cards = new List<Card>();
        if (withheld.Count < Answered.Length)
        {
            var context = PatientContext.Create(snapshot, rules, today);
            cards.AddRange(AdviceCardBuilder.Build(new CardInput
            {
                PatientId = request.Context.PatientId,
                DraftOrderReference = draftReference,
                DraftOrderJson = DraftJson(request.Context.DraftOrders, draft.Id),
                Mapping = mapping with { Problems = problems },
                Advice = ClinicalEvaluator.Parts(context, Given(CardConcern.Dose), Given(CardConcern.Vte), Given(CardConcern.Contraindications)),
            }));
        }

        if (withheld.Count > 0)
        {
            cards.Add(withheld.Count == Answered.Length
                ? MissingDataCard.Build(request.Context.PatientId, draftReference, withheld.SelectMany(w => w.Because).Concat(problems).Distinct(), rules.Version)
                : MissingDataCard.Build(request.Context.PatientId, draftReference, withheld, problems, rules.Version));
        }

        return cards;
    }

    private static IEnumerable<FhirMappingProblem> Invalid(ValidationErrors errors) =>
        errors.ToDictionary().SelectMany(e => e.Value.Select(message => new FhirMappingProblem(e.Key, FhirProblemKind.Invalid, message, true, false, null)));

    private async Task<CollectedPrefetch> CollectAsync(CdsHookRequest request, CdsServiceDefinition service, CancellationToken cancellationToken)
    {
        var documents = request.Prefetch.Select(p => new FhirDocument("prefetch." + p.Key, p.Value)).ToList();
        var missing = service.Prefetch.Keys.Where(key => !request.Prefetch.ContainsKey(key)).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        if (request.FhirServer is null)
        {
            return new CollectedPrefetch(documents, missing, failures);
        }

        foreach (var key in missing.Order(StringComparer.Ordinal).ToList())
        {
            var read = await fhirServer.ReadAsync(request.FhirServer, request.FhirAuthorization?.AccessToken, PrefetchTemplates.Resolve(key, request.Context.PatientId), cancellationToken).ConfigureAwait(false);
            if (read.Resource is { } resource)
            {
                documents.Add(new FhirDocument("fhirServer." + key, resource));
                missing.Remove(key);
            }
            else
            {
                failures.Add($"{key}: {read.Failure}");
            }
        }

        return new CollectedPrefetch(documents, missing, failures);
    }

    private static ProblemDetails PreconditionFailed(IReadOnlyList<FhirMappingProblem> problems, CollectedPrefetch collected)
    {
        var errors = new ValidationErrors();
        foreach (var problem in problems)
        {
            errors.Add("prefetch." + PrefetchTemplates.KeyFor(problem.Field), $"{problem.Field}: {problem.Message}");
        }

        var why = collected.Failures.Count > 0
            ? "the FHIR server could not supply it (" + string.Join("; ", collected.Failures) + ")"
            : "no fhirServer/fhirAuthorization was given to fetch it";
        foreach (var key in problems.Select(p => PrefetchTemplates.KeyFor(p.Field)!).Distinct(StringComparer.Ordinal))
        {
            errors.Add("prefetch." + key, "This prefetch key was not sent.");
        }

        return ProblemDetails.Validation(errors) with
        {
            Type = ProblemTypes.PreconditionFailed,
            Status = 412,
            Title = "Prefetch is missing data this service needs.",
            Detail = $"Send the prefetch keys named in errors (templates in GET /api/cds-services), or fhirServer and fhirAuthorization: {why}.",
        };
    }

    private static JsonObject? DraftJson(JsonElement bundle, string? id)
    {
        if (!bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("resource", out var resource)
                && resource.ValueKind == JsonValueKind.Object
                && resource.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "MedicationRequest"
                && (resource.TryGetProperty("id", out var rid) ? rid.ValueKind == JsonValueKind.String && rid.GetString() == id : id is null))
            {
                return JsonNode.Parse(resource.GetRawText()) as JsonObject;
            }
        }

        return null;
    }

    private sealed record CollectedPrefetch(List<FhirDocument> Documents, HashSet<string> Missing, List<string> Failures);
}
