using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Clinical;

/// <summary><c>POST /api/monitoring-schedule</c>: dated lab and safety-check schedule.</summary>
public sealed class MonitoringSchedule(ClinicalRequestHandler handler)
{
    [Function(nameof(MonitoringSchedule))]
    public Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "monitoring-schedule")] HttpRequestData request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Concern.MonitoringSchedule, cancellationToken);
}
