using System.Globalization;
using System.Text.Json;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using RulesEngine.Models;

namespace Lena.Benchmarks;

/// <summary>
/// What the RulesEngine workflow sees: the inputs of the starting-dose, renal and hold decision,
/// flattened from the snapshot (strings as on the wire). Built once, like our PatientContext.
/// </summary>
public sealed class DosingFacts
{
    public required string Indication { get; init; }
    public required string Status { get; init; }
    public bool HasCrCl { get; init; }
    public double CrClMlPerMin { get; init; }
    public bool OnDialysis { get; init; }
    public double CurrentDoseMg { get; init; }
    public int AncPerMicroliter { get; init; }
    public int PlateletsPerMicroliter { get; init; }
    public int PreviousNeutropeniaInterruptions { get; init; }

    public static DosingFacts From(PatientSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new DosingFacts
        {
            Indication = JsonNamingPolicy.CamelCase.ConvertName(snapshot.Indication.ToString()),
            Status = JsonNamingPolicy.CamelCase.ConvertName(snapshot.Therapy.Status!.Value.ToString()),
            HasCrCl = snapshot.Renal?.CreatinineClearanceMlPerMin is not null,
            CrClMlPerMin = snapshot.Renal?.CreatinineClearanceMlPerMin ?? 0,
            OnDialysis = snapshot.Renal?.OnDialysis == true,
            CurrentDoseMg = snapshot.Therapy.CurrentDoseMg ?? 0,
            AncPerMicroliter = snapshot.Labs?.AncPerMicroliter ?? int.MaxValue,
            PlateletsPerMicroliter = snapshot.Labs?.PlateletsPerMicroliter ?? int.MaxValue,
            PreviousNeutropeniaInterruptions = snapshot.Therapy.PreviousNeutropeniaInterruptions,
        };
    }
}

/// <summary>The part of <see cref="DoseRecommendation"/> both engines decide (no findings, messages or citations).</summary>
public sealed record DosingDecision(
    DoseAction Action,
    double? DoseMg,
    DoseFrequency? Frequency,
    DoseAdministration? Administration,
    int? ResumeAncAtLeast,
    int? ResumePlateletsAtLeast,
    double? ResumeDoseMg)
{
    public static DosingDecision Of(DoseRecommendation dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        return new DosingDecision(dose.Action, dose.DoseMg, dose.Frequency, dose.Administration,
            dose.ResumeWhen?.AncAtLeastPerMicroliter, dose.ResumeWhen?.PlateletsAtLeastPerMicroliter, dose.ResumeDoseMg);
    }
}

/// <summary>
/// The same multiple-myeloma decision (start dose by indication, renal band, ANC / platelet holds)
/// as a Microsoft RulesEngine workflow: <c>dosing.workflow.json</c> holds the rules as lambda
/// expressions with output expressions; the caller combines the outcomes, as RulesEngine users do.
/// </summary>
public sealed class RulesEngineDosing
{
    public const string WorkflowName = "LenalidomideDosing";

    private readonly RulesEngine.RulesEngine _engine;

    public RulesEngineDosing()
    {
        var workflows = JsonSerializer.Deserialize<Workflow[]>(Inputs.Resource("Lena.Benchmarks.dosing.workflow.json"))
            ?? throw new InvalidOperationException("The workflow document is empty.");
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings());
    }

    public async ValueTask<DosingDecision> DecideAsync(DosingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await _engine.ExecuteAllRulesAsync(WorkflowName, facts).ConfigureAwait(false);
        return Combine(results, facts);
    }

    /// <summary>Combines the rules that succeeded: the lower dose wins, any hold holds, the highest threshold counts.</summary>
    private static DosingDecision Combine(List<RuleResultTree> results, DosingFacts facts)
    {
        double? start = null;
        double? renal = null;
        double? nextLower = null;
        int? anc = null;
        int? platelets = null;
        var frequency = DoseFrequency.Daily;
        DoseAdministration? administration = null;
        foreach (var result in results)
        {
            if (!result.IsSuccess)
            {
                continue;
            }

            if (result.ActionResult?.Exception is { } ex)
            {
                throw new InvalidOperationException($"Rule {result.Rule.RuleName} failed.", ex);
            }

            var name = result.Rule.RuleName;
            var output = result.ActionResult?.Output;
            if (name.StartsWith("start-", StringComparison.Ordinal))
            {
                start = Convert.ToDouble(output, CultureInfo.InvariantCulture);
            }
            else if (name.StartsWith("renal-", StringComparison.Ordinal))
            {
                renal = Convert.ToDouble(output, CultureInfo.InvariantCulture);
            }
            else if (name == "frequency-every48Hours")
            {
                frequency = DoseFrequency.Every48Hours;
            }
            else if (name == "administration-afterDialysis")
            {
                administration = DoseAdministration.AfterDialysisOnDialysisDays;
            }
            else if (name.StartsWith("hold-anc-", StringComparison.Ordinal))
            {
                anc = Math.Max(anc ?? 0, Convert.ToInt32(output, CultureInfo.InvariantCulture));
            }
            else if (name.StartsWith("hold-platelets-", StringComparison.Ordinal))
            {
                platelets = Math.Max(platelets ?? 0, Convert.ToInt32(output, CultureInfo.InvariantCulture));
            }
            else if (name.StartsWith("resume-", StringComparison.Ordinal))
            {
                nextLower = Convert.ToDouble(output, CultureInfo.InvariantCulture);
            }
        }

        var held = anc is not null || platelets is not null;
        var cap = renal ?? double.MaxValue;
        if (facts.Status == "starting")
        {
            var dose = renal ?? start ?? throw new InvalidOperationException($"No starting dose for {facts.Indication}.");
            return held
                ? new DosingDecision(DoseAction.Defer, null, frequency, administration, anc, platelets, dose)
                : new DosingDecision(DoseAction.Start, dose, frequency, administration, null, null, null);
        }

        return held
            ? new DosingDecision(DoseAction.Interrupt, null, frequency, administration, anc, platelets, Math.Min(nextLower ?? facts.CurrentDoseMg, cap))
            : new DosingDecision(DoseAction.Continue, Math.Min(facts.CurrentDoseMg, cap), frequency, administration, null, null, null);
    }
}
