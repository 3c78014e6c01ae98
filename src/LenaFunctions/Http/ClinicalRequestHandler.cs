using System.Diagnostics;
using System.Globalization;
using Lena.Clinical.Contract;
using Lena.Clinical.Findings;
using Lena.Storage.Rules;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Http;

/// <summary>
/// The one path every clinical function takes: media type and size, the active rule set, the
/// clinical core's answer (the same bytes the CLI prints), and a span with codes only.
/// </summary>
public sealed class ClinicalRequestHandler(ActiveRuleSetProvider rules, TimeProvider clock, PatientIdHasher hasher, ILogger<ClinicalRequestHandler> logger)
{
    /// <summary>The wire name of each severity, indexed by its value.</summary>
    private static readonly string[] SeverityNames = ByValue(Enum.GetValues<Severity>());

    public async Task<HttpResponseData> HandleAsync(HttpRequestData request, Concern concern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var concernName = LenaJson.WireName(concern);
        using var activity = LenaTelemetry.Source.StartActivity("lena.evaluate " + concernName);
        activity?.SetTag("lena.concern", concernName);

        var body = await RequestBody.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var answer = ClinicalAnswer.For(concern, body.Body, active.RuleSet, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var elapsedMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);

        Record(activity, concernName, active, answer, elapsedMs);
        logger.Evaluated(concernName, active.RuleSet.Version, answer.Status, elapsedMs);

        var response = await HttpResponses.AnswerAsync(request, answer, cancellationToken).ConfigureAwait(false);

        // W3C Server-Timing: the clinical core's share of the request, for clients and the benchmarks (no clinical value).
        response.Headers.Add("Server-Timing", string.Create(CultureInfo.InvariantCulture, $"evaluate;dur={elapsedMs}"));
        return response.WithRuleSet(active);
    }

    private static string[] ByValue(Severity[] severities)
    {
        var names = new string[severities.Max(s => (int)s) + 1];
        foreach (var severity in severities)
        {
            names[(int)severity] = LenaJson.WireName(severity);
        }

        return names;
    }

    private void Record(Activity? activity, string concern, ActiveRuleSet active, ClinicalAnswer answer, double elapsedMs)
    {
        var outcome = answer.IsSuccess ? "ok" : "invalid";
        LenaTelemetry.Evaluations.Add(1, new("concern", concern), new("outcome", outcome));
        LenaTelemetry.EvaluationDuration.Record(elapsedMs, new("concern", concern), new("outcome", outcome));
        activity?.SetTag("lena.rule_set.version", active.RuleSet.Version);
        activity?.SetTag("lena.outcome", outcome);
        activity?.SetTag("lena.rules.degraded", active.Degraded);
        if (answer.Response is not { } response)
        {
            return;
        }

        activity?.SetTag("lena.indication", LenaJson.WireName(response.Indication));
        activity?.SetTag("lena.finding_codes", response.Findings.Select(f => f.Code).ToArray());
        activity?.SetTag("lena.patient.hash", hasher.Hash(answer.PatientId));
        // One add per severity present, not one per finding: the counter's sums are the same.
        Span<int> bySeverity = stackalloc int[SeverityNames.Length];
        foreach (var finding in response.Findings)
        {
            bySeverity[(int)finding.Severity]++;
        }

        for (var severity = 0; severity < bySeverity.Length; severity++)
        {
            if (bySeverity[severity] > 0)
            {
                LenaTelemetry.Findings.Add(bySeverity[severity], new("severity", SeverityNames[severity]), new("concern", concern));
            }
        }
    }
}
