using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Monitoring;

/// <summary>
/// Dates every check of every monitoring series that applies to the patient (CLINICAL.md §5),
/// from <c>therapy.startDate</c> as day 0 up to the horizon. Two checks of one test on one day are one.
/// </summary>
public static class MonitoringPlanner
{
    public static MonitoringPlan Plan(PatientContext context) => Plan(context, context?.Snapshot.HorizonDays);

    /// <param name="horizonDays">Days after the start date to plan for; the rule set's default when null.</param>
    public static MonitoringPlan Plan(PatientContext context, int? horizonDays)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.Monitoring;
        var start = context.Snapshot.Therapy.StartDate
            ?? throw new InvalidOperationException("therapy.startDate is required for a monitoring plan; validation lets no snapshot without it through.");
        var horizon = horizonDays ?? rules.DefaultHorizonDays;
        var last = start.AddDays(horizon);

        var checks = new Dictionary<(MonitoringTest, DateOnly), ScheduledCheck>();
        var applied = new List<MonitoringSeries>();
        foreach (var series in rules.Series.Where(s => Applies(s, context)))
        {
            applied.Add(series);
            var anchor = series.Anchor == MonitoringAnchor.Today ? context.Today : start;

            // A series dated from today (weekly CBC while a dose is on hold) looks ahead from today,
            // however long therapy has run: a hold late in therapy still gets its weekly counts.
            var limit = series.Anchor == MonitoringAnchor.Today ? anchor.AddDays(horizon) : last;
            foreach (var day in Days(series, limit.DayNumber - anchor.DayNumber))
            {
                var date = anchor.AddDays(day);
                if (date <= limit)
                {
                    checks.TryAdd((series.Test, date), new ScheduledCheck(series.Test, date, series.Reason));
                }
            }
        }

        var ordered = checks.Values
            .OrderBy(c => c.DueDate)
            .ThenBy(c => LenaJson.WireName(c.Test), StringComparer.Ordinal)
            .ToArray();
        var summaries = applied
            .GroupBy(s => s.Test)
            .OrderBy(g => g.Key)
            .Select(g => new MonitoringRuleSummary(g.Key, string.Join("; ", g.Select(s => s.Summary)), g.SelectMany(s => s.Citations).Distinct().ToArray()))
            .ToArray();
        return new MonitoringPlan(ordered, summaries, []);
    }

    internal static IEnumerable<int> Days(MonitoringSeries series, int lastDay)
    {
        foreach (var day in series.Days)
        {
            yield return day;
        }

        if (series is { FromDay: { } from, EveryDays: { } every })
        {
            var to = Math.Min(series.ToDay ?? lastDay, lastDay);
            for (var day = from; day <= to; day += every)
            {
                yield return day;
            }
        }
    }

    internal static bool Applies(MonitoringSeries series, PatientContext context)
    {
        var snapshot = context.Snapshot;
        if (series.Indications is { } indications && !indications.Contains(snapshot.Indication))
        {
            return false;
        }

        if (series.When is not { } when)
        {
            return true;
        }

        return Matches(when.FemaleOfReproductivePotential, snapshot.IsFemaleOfReproductivePotential)
            && Matches(when.IrregularMenstrualCycles, snapshot.IrregularMenstrualCycles)
            && Matches(when.HigherRenalRisk, HigherRenalRisk(context))
            && (when.TherapyStatus is null || when.TherapyStatus == snapshot.Therapy.Status);
    }

    private static bool Matches(bool? wanted, bool actual) => wanted is null || wanted == actual;

    /// <summary>Older patients and those with reduced clearance have renal function checked more often.</summary>
    private static bool HigherRenalRisk(PatientContext context)
    {
        var rules = context.Rules.Monitoring;
        return context.Snapshot.AgeYears >= rules.HigherRenalRiskAgeAtLeast
            || context.Snapshot.Renal?.OnDialysis == true
            || context.CreatinineClearance < rules.HigherRenalRiskCrClBelowMlPerMin;
    }
}
