using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Derived;

/// <summary>
/// The day of therapy a phase-dependent rule is judged on. Days on drug and calendar days since the start can
/// differ (off-weeks, holds); where both are known the smaller decides — the phase that holds earlier, whose
/// rules are the stricter (API.md, "Contradictions are a 400").
/// </summary>
public static class TherapyPhase
{
    public static int? Day(TherapyState therapy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(therapy);
        int? calendar = therapy.StartDate is { } start ? Math.Max(0, today.DayNumber - start.DayNumber) : null;
        return (therapy.DaysOnTherapy, calendar) switch
        {
            ({ } days, { } since) => Math.Min(days, since),
            ({ } days, null) => days,
            (null, { } since) => since,
            _ => null,
        };
    }
}
