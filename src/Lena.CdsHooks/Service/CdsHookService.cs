using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Cards;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Requests;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
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
            // 412 when data a FHIR search could supply is missing and there is no way to get it: no FHIR
            // server was given (whether the key was left out or came without the data), or the server
            // could not supply a key that was left out. With a server that answered, what is still
            // missing is absent from the record: a missing-data card says so.
            var unfetchable = mapping.Problems
                .Where(p => p.Blocking && p.ServerCouldResolve && PrefetchTemplates.KeyFor(p.Field) is { } key
                    && (request.FhirServer is null || collected.Missing.Contains(key)))
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

    private static IEnumerable<Card> CardsFor(CdsHookRequest request, MedicationRequest draft, FhirMapping mapping, IReadOnlyList<FhirMappingProblem> readProblems, RuleSet rules, DateOnly today)
    {
        var draftReference = "MedicationRequest/" + (draft.Id ?? "draft");
        if (!mapping.CanEvaluate)
        {
            return [MissingDataCard.Build(request.Context.PatientId, draftReference, mapping.Problems.Where(p => p.Blocking).Concat(readProblems), rules.Version)];
        }

        var snapshot = JsonSerializer.SerializeToUtf8Bytes(mapping.Snapshot, LenaJson.Options);
        var answer = ClinicalAnswer.For(Concern.Assessment, snapshot, rules, today);
        if (answer.Response is not AssessmentResponse assessment)
        {
            var problem = JsonSerializer.Deserialize<ProblemDetails>(answer.Body, LenaJson.Options);
            var invalid = (problem?.Errors ?? new Dictionary<string, string[]>())
                .SelectMany(e => e.Value.Select(message => new FhirMappingProblem(e.Key, FhirProblemKind.Invalid, message, true, false, null)));
            return [MissingDataCard.Build(request.Context.PatientId, draftReference, invalid.Concat(readProblems), rules.Version)];
        }

        return AdviceCardBuilder.Build(new CardInput
        {
            PatientId = request.Context.PatientId,
            DraftOrderReference = draftReference,
            DraftOrderJson = DraftJson(request.Context.DraftOrders, draft.Id),
            Mapping = mapping with { Problems = [.. mapping.Problems, .. readProblems] },
            Assessment = assessment,
            Routing = FindingRouting.For(answer.Context!, assessment.Findings),
        });
    }

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
            errors.Add("prefetch." + key, collected.Missing.Contains(key)
                ? "This prefetch key was not sent."
                : "This prefetch key was sent without the data above.");
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
