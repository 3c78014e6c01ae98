using Lena.Fhir;
using Microsoft.Extensions.Hosting;

namespace LenaFunctions.Startup;

/// <summary>
/// Builds the FHIR deserializer's model tables at start-up, so the first CDS Hooks call (an EHR
/// waiting on a clinician's click) does not pay for them.
/// </summary>
public sealed class FhirWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(FhirPatientRecord.WarmUp, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
