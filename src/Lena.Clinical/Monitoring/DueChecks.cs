using Lena.Clinical.Derived;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Monitoring;

/// <summary>One dated check with the window in which a result counts for it.</summary>
public sealed record DueCheck(MonitoringSeries Series, DateOnly DueDate)
{
    public DateOnly CountsFrom => DueDate.AddDays(-Series.WindowDaysBefore);
    public DateOnly CountsUntil => DueDate.AddDays(Series.WindowDaysAfter);

    public bool IsMetBy(DateOnly takenOn) => takenOn >= CountsFrom && takenOn <= CountsUntil;
}

/// <summary>
/// The checks of one test as the monitoring schedule dates them, with their result windows: what the dose gate and
/// the overdue warnings read, so they never disagree with the schedule or with a course's reminders.
/// </summary>
public static class DueChecks
{
    /// <summary>The patient's checks of <paramref name="test"/> from the start date up to <paramref name="until"/>, oldest first.</summary>
    public static IReadOnlyList<DueCheck> Of(PatientContext context, MonitoringTest test, DateOnly start, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lastDay = until.DayNumber - start.DayNumber;
        return context.Rules.Monitoring.Series
            .Where(s => s.Test == test && s.Anchor == MonitoringAnchor.StartDate && MonitoringPlanner.Applies(s, context))
            .SelectMany(s => MonitoringPlanner.Days(s, lastDay).Where(day => day <= lastDay).Select(day => new DueCheck(s, start.AddDays(day))))
            .OrderBy(c => c.DueDate)
            .ToList();
    }

    /// <summary>The newest check already due strictly before <paramref name="today"/> on or after the first dose, if any.</summary>
    /// <remarks>
    /// The last of <see cref="Of"/>'s list, found in one pass without building and sorting it (every assessment asks
    /// twice, issue 15): the latest date, and of checks on that date the one the list would put last — the last
    /// enumerated, as the list's sort is stable.
    /// </remarks>
    public static DueCheck? LastPassed(PatientContext context, MonitoringTest test, DateOnly start, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(context);
        var until = today.AddDays(-1);
        var lastDay = until.DayNumber - start.DayNumber;
        MonitoringSeries? bestSeries = null;
        var bestDay = 0;
        foreach (var series in context.Rules.Monitoring.Series)
        {
            if (series.Test != test || series.Anchor != MonitoringAnchor.StartDate || !MonitoringPlanner.Applies(series, context))
            {
                continue;
            }

            foreach (var day in MonitoringPlanner.Days(series, lastDay))
            {
                if (day <= lastDay && (bestSeries is null || day >= bestDay))
                {
                    bestSeries = series;
                    bestDay = day;
                }
            }
        }

        return bestSeries is not null && bestDay >= 0 ? new DueCheck(bestSeries, start.AddDays(bestDay)) : null;
    }
}
