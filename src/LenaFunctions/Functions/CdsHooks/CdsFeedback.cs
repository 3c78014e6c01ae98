using Lena.CdsHooks;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Feedback;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.CdsHooks;

/// <summary>
/// <c>POST /api/cds-services/{id}/feedback</c>: what the clinician did with our cards, stored for
/// audit. Idempotent: the same feedback item sent again is stored once and answered 200 again.
/// </summary>
public sealed class CdsFeedback(CdsClientAuthentication authentication, IFeedbackStore store, TimeProvider clock, ILogger<CdsFeedback> logger)
{
    [Function(nameof(CdsFeedback))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cds-services/{id}/feedback")] HttpRequestData request,
        string id,
        CancellationToken cancellationToken)
    {
        var rejected = await authentication.RejectAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (rejected is not null)
        {
            return rejected;
        }

        if (LenaCdsServices.Find(id) is null)
        {
            return await HttpResponses.ProblemAsync(request, LenaCdsServices.UnknownService(), cancellationToken).ConfigureAwait(false);
        }

        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var parsed = CdsFeedbackParser.Parse(body.Body);
        if (!parsed.IsValid)
        {
            return await HttpResponses.ProblemAsync(request, parsed.ToProblem(), cancellationToken).ConfigureAwait(false);
        }

        if (CdsFeedbackWindow.Check(parsed.Items!, clock.GetUtcNow()) is { } implausible)
        {
            return await HttpResponses.ProblemAsync(request, implausible, cancellationToken).ConfigureAwait(false);
        }

        var outcomes = await store.RecordAsync(id, parsed.Items!, cancellationToken).ConfigureAwait(false);
        var stored = outcomes.Count(o => o.Status == FeedbackStoreStatus.Stored);
        logger.CdsFeedbackStored(id, stored, outcomes.Count - stored);
        return await HttpResponses.BytesAsync(request, 200, CdsJson.MediaType,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new CdsFeedbackReceipt(stored, outcomes.Count - stored), CdsJson.Options), cancellationToken).ConfigureAwait(false);
    }
}
