using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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

        var series = rules.Series;
        var checks = new Dictionary<(MonitoringTest, DateOnly), ScheduledCheck>();
        var applied = new List<MonitoringSeries>();
        ulong appliedMask = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var current = series[i];
            if (!Applies(current, context))
            {
                continue;
            }

            applied.Add(current);
            appliedMask |= i < 64 ? 1UL << i : 0;
            var anchor = current.Anchor == MonitoringAnchor.Today ? context.Today : start;

            // A series dated from today (weekly CBC while a dose is on hold) looks ahead from today,
            // however long therapy has run: a hold late in therapy still gets its weekly counts.
            var limit = current.Anchor == MonitoringAnchor.Today ? anchor.AddDays(horizon) : last;
            AddChecks(current, anchor, limit, checks);
        }

        // (test, date) is unique and so is each test's wire name: the order is total, an unstable sort gives it.
        var ordered = new ScheduledCheck[checks.Count];
        checks.Values.CopyTo(ordered, 0);
        Array.Sort(ordered, CheckOrder);
        return new MonitoringPlan(ordered, Summaries(rules, applied, appliedMask), []);
    }

    /// <summary>The checks of one series up to <paramref name="limit"/>, the first series of a test and day winning (the days as <see cref="Days"/> lists them, which <see cref="DueChecks"/> reads too).</summary>
    private static void AddChecks(MonitoringSeries series, DateOnly anchor, DateOnly limit, Dictionary<(MonitoringTest, DateOnly), ScheduledCheck> checks)
    {
        foreach (var day in Days(series, limit.DayNumber - anchor.DayNumber))
        {
            var date = anchor.AddDays(day);
            if (date <= limit)
            {
                checks.TryAdd((series.Test, date), new ScheduledCheck(series.Test, date, series.Reason));
            }
        }
    }

    private static readonly Comparison<ScheduledCheck> CheckOrder = (a, b) =>
    {
        var byDate = a.DueDate.CompareTo(b.DueDate);
        return byDate != 0 ? byDate : TestOrder(a.Test).CompareTo(TestOrder(b.Test));
    };

    // Each test's rank among the tests ordered by wire name (ordinal), the order of a day's checks.
    private static readonly int[] TestRanks = RankByWireName();

    private static int TestOrder(MonitoringTest test) => TestRanks[(int)test];

    private static int[] RankByWireName()
    {
        var tests = Enum.GetValues<MonitoringTest>();
        var ranks = new int[tests.Max(t => (int)t) + 1];
        var byName = tests.OrderBy(t => LenaJson.WireName(t), StringComparer.Ordinal).ToArray();
        for (var i = 0; i < byName.Length; i++)
        {
            ranks[(int)byName[i]] = i;
        }

        return ranks;
    }

    /// <summary>
    /// One summary per test of the applied series. It depends only on the rule set and which of its series apply, so it
    /// is built once per rule-set instance and set of series (rule sets are immutable; the table forgets a collected one).
    /// </summary>
    private static MonitoringRuleSummary[] Summaries(MonitoringRules rules, List<MonitoringSeries> applied, ulong appliedMask)
    {
        if (rules.Series.Count > 64)
        {
            return Summarize(applied);
        }

        var cache = SummaryCache.GetValue(rules, _ => new ConcurrentDictionary<ulong, MonitoringRuleSummary[]>());
        if (cache.TryGetValue(appliedMask, out var summaries))
        {
            return summaries;
        }

        summaries = Summarize(applied);

        // Bounded: the conditions of a rule set admit few combinations, but a cache must not grow without end.
        return cache.Count < MaxCachedCombinations ? cache.GetOrAdd(appliedMask, summaries) : summaries;
    }

    private const int MaxCachedCombinations = 256;

    private static readonly ConditionalWeakTable<MonitoringRules, ConcurrentDictionary<ulong, MonitoringRuleSummary[]>> SummaryCache = new();

    private static MonitoringRuleSummary[] Summarize(List<MonitoringSeries> applied) => applied
        .GroupBy(s => s.Test)
        .OrderBy(g => g.Key)
        .Select(g => new MonitoringRuleSummary(g.Key, string.Join("; ", g.Select(s => s.Summary)), g.SelectMany(s => s.Citations).Distinct().ToArray()))
        .ToArray();

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
