using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LenaFunctions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Set to <c>true</c> to print every span and metric on the console (local debugging).</summary>
    public const string ConsoleExporterSetting = "Telemetry:ConsoleExporter";

    /// <summary>
    /// OpenTelemetry with the worker's defaults and the <c>Lena</c> source and meter. Exporters by
    /// configuration: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, Azure Monitor (Entra ID auth with
    /// the app's managed identity) when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and the console
    /// exporter (every span and metric, multi-line) only when <c>Telemetry__ConsoleExporter</c> is
    /// <c>true</c>: locally the default is the log, one line per request (lena-host) and per evaluation.
    /// </summary>
    public static IServiceCollection AddLenaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connectionString ? connectionString : null;

        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        telemetry.WithTracing(tracing => tracing.AddSource(LenaTelemetry.Name));
        telemetry.WithMetrics(metrics => metrics.AddMeter(LenaTelemetry.Name));
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor is not null)
        {
            var clientId = configuration["AZURE_CLIENT_ID"] ?? configuration["Tables:clientId"];
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                options.Credential = clientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        }

        if (string.Equals(configuration[ConsoleExporterSetting], "true", StringComparison.OrdinalIgnoreCase))
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter());
            telemetry.WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        return services;
    }
}
