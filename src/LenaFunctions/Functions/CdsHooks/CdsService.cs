using Lena.CdsHooks;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Service;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.CdsHooks;

/// <summary>
/// <c>POST /api/cds-services/{id}</c>: a CDS Hooks call from an EHR (order-select or order-sign).
/// The client's JWT is checked before the body is read; the answer is cards, or 412 when the
/// prefetch lacks data and no FHIR server was given.
/// </summary>
public sealed class CdsService(CdsClientAuthentication authentication, CdsHookService hooks, ActiveRuleSetProvider rules, TimeProvider clock, PatientIdHasher hasher, ILogger<CdsService> logger)
{
    [Function(nameof(CdsService))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cds-services/{id}")] HttpRequestData request,
        string id,
        CancellationToken cancellationToken)
    {
        // Only known ids become span names and metric tags: the route value is the caller's to choose.
        var service = LenaCdsServices.Find(id)?.Id ?? "unknown";
        using var activity = LenaTelemetry.Source.StartActivity("lena.cds-hooks " + service);
        activity?.SetTag("lena.cds.service", service);
        var rejected = await authentication.RejectAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (rejected is not null)
        {
            activity?.SetTag("lena.outcome", "unauthorized");
            LenaTelemetry.CdsHooksCalls.Add(1, new("service", service), new("outcome", "unauthorized"));
            return rejected;
        }

        var body = await RequestBody.ReadJsonAsync(request, RequestBody.CdsHooksMaxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var outcome = await hooks.HandleAsync(id, body.Body, active.RuleSet, today, cancellationToken).ConfigureAwait(false);

        activity?.SetTag("lena.rule_set.version", active.RuleSet.Version);
        activity?.SetTag("lena.patient.hash", hasher.Hash(outcome.PatientId));
        if (outcome.Problem is { } problem)
        {
            var status = problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            activity?.SetTag("lena.outcome", status);
            LenaTelemetry.CdsHooksCalls.Add(1, new("service", service), new("outcome", status));
            logger.CdsHookAnswered(service, problem.Status, 0);
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var cards = outcome.Response!.Cards;
        activity?.SetTag("lena.outcome", "ok");
        LenaTelemetry.CdsHooksCalls.Add(1, new("service", service), new("outcome", "ok"));
        activity?.SetTag("lena.cds.card_topics", cards.Select(c => c.Source.Topic?.Code).ToArray());
        logger.CdsHookAnswered(service, 200, cards.Count);
        var response = await HttpResponses.BytesAsync(request, 200, CdsJson.MediaType,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(outcome.Response, CdsJson.Options), cancellationToken).ConfigureAwait(false);
        return response.WithRuleSet(active);
    }
}
