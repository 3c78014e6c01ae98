using Lena.Courses.Therapy;

namespace Lena.Courses.Cycles;

/// <summary>
/// A course's 28-day cycles (<c>days1To21Every28</c> and <c>continuous</c> alike), counted from day 1
/// of cycle 1 (the start date) in days of therapy: an interruption stops the count and resuming
/// continues it, so every later cycle begins as many days later as the interruption lasted
/// (the label's "resume" continues the course; it does not restart a cycle). An interruption still
/// open at <c>today</c> is taken to last until then; days after that are projected as dosing days.
/// </summary>
public static class CycleCalendar
{
    public const int CycleDays = 28;

    /// <summary>Days of therapy from the start up to, not including, <paramref name="asOf"/>.</summary>
    public static int TherapyDays(DateOnly start, IReadOnlyList<Interruption> interruptions, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(interruptions);
        if (asOf <= start)
        {
            return 0;
        }

        var days = asOf.DayNumber - start.DayNumber;
        foreach (var interruption in interruptions)
        {
            var from = Max(interruption.From, start);
            var until = Min(interruption.Until ?? asOf, asOf);
            days -= Math.Max(0, until.DayNumber - from.DayNumber);
        }

        return Math.Max(0, days);
    }

    /// <summary>Cycles whose 28 days of therapy ended before <paramref name="asOf"/>.</summary>
    public static int CyclesCompleted(DateOnly start, IReadOnlyList<Interruption> interruptions, DateOnly asOf) =>
        TherapyDays(start, interruptions, asOf) / CycleDays;

    /// <summary>Day 1 of every cycle from cycle 1 up to <paramref name="through"/>, with interruptions up to <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateOnly> CycleStarts(DateOnly start, IReadOnlyList<Interruption> interruptions, DateOnly through, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(interruptions);
        var starts = new List<DateOnly>();
        var counted = 0;
        for (var day = start; day <= through; day = day.AddDays(1))
        {
            if (Interrupted(day, interruptions, today))
            {
                continue;
            }

            if (counted % CycleDays == 0)
            {
                starts.Add(day);
            }

            counted++;
        }

        return starts;
    }

    private static bool Interrupted(DateOnly day, IReadOnlyList<Interruption> interruptions, DateOnly today)
    {
        foreach (var interruption in interruptions)
        {
            // An open interruption lasts until today at least (it may end any day after).
            var until = interruption.Until ?? Max(today, interruption.From.AddDays(1));
            if (day >= interruption.From && day < until)
            {
                return true;
            }
        }

        return false;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
