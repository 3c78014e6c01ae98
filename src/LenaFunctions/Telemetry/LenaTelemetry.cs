using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LenaFunctions.Telemetry;

/// <summary>
/// The app's own ActivitySource and Meter, both named <c>Lena</c>. Spans and metrics carry codes,
/// versions and a salted patient-id hash, never a clinical value or an identifier.
/// </summary>
public static class LenaTelemetry
{
    public const string Name = "Lena";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Evaluations = Meter.CreateCounter<long>("lena.evaluations", description: "Clinical evaluations answered, by concern and outcome.");

    public static readonly Histogram<double> EvaluationDuration = Meter.CreateHistogram<double>("lena.evaluation.duration", unit: "ms", description: "Time of the clinical core's answer (parse, evaluate, serialize), by concern and outcome.");

    public static readonly Counter<long> Findings = Meter.CreateCounter<long>("lena.findings", description: "Findings emitted, by severity.");

    public static readonly Counter<long> Reminders = Meter.CreateCounter<long>("lena.reminders.sent", description: "Follow-up reminders put on the queue.");

    public static readonly Counter<long> ReminderDeliveries = Meter.CreateCounter<long>("lena.reminders.deliveries", description: "Webhook delivery attempts of reminders, by outcome (Delivered, NoWebhook, Rejected, Unreachable).");

    public static readonly Counter<long> CdsHooksCalls = Meter.CreateCounter<long>("lena.cds_hooks.calls", description: "CDS Hooks service calls, by service and outcome (ok, unauthorized, or the problem status).");

    public static readonly Counter<long> RuleCache = Meter.CreateCounter<long>("lena.rule_cache.events", description: "Rule cache hits, revalidations, refreshes, stale answers and failures.");
}
