using System.Globalization;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contraindications;

/// <summary>
/// Hepatotoxicity (PI "Hepatotoxicity": monitor liver enzymes periodically; stop upon elevation; after return to
/// baseline a lower dose may be considered). The thresholds are rule data; the due dates are the monitoring schedule's.
/// </summary>
public static class LiverTestsCheck
{
    /// <summary>The interrupt finding when a sent value is above its threshold; null otherwise.</summary>
    public static Finding? Elevated(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = context.Rules.SafetyChecks.Hepatotoxicity;
        if (context.Snapshot.Liver is not { } liver)
        {
            return null;
        }

        var above = new[]
            {
                ("ALT", liver.AltTimesUpperLimit, rule.AltTimesUpperLimitAbove),
                ("AST", liver.AstTimesUpperLimit, rule.AstTimesUpperLimitAbove),
                ("bilirubin", liver.BilirubinTimesUpperLimit, rule.BilirubinTimesUpperLimitAbove),
            }
            .Where(v => v.Item2 > v.Item3)
            .Select(v => $"{v.Item1} {Times(v.Item2!.Value)} × ULN (above {Times(v.Item3)})")
            .ToList();
        return above.Count == 0
            ? null
            : rule.Finding.ToFinding($"{string.Join(", ", above)} on {liver.TakenOn:yyyy-MM-dd}. {rule.Finding.Message}");
    }

    /// <summary>liverTestsDue on treatment when no liver tests were sent since the newest check the schedule dates.</summary>
    public static Finding? Due(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = context.Snapshot;
        if (snapshot.Therapy.Status is not (TherapyStatus.OnTreatment or TherapyStatus.Interrupted)
            || snapshot.Therapy.StartDate is not { } start
            || DueChecks.LastPassed(context, MonitoringTest.LiverFunction, start, context.Today) is not { } last)
        {
            return null;
        }

        if (snapshot.Liver?.TakenOn is { } takenOn && takenOn >= last.CountsFrom)
        {
            return null;
        }

        var template = context.Rules.SafetyChecks.Hepatotoxicity.TestsDue;
        var newest = snapshot.Liver?.TakenOn is { } date ? $"the newest sent are from {date:yyyy-MM-dd}" : "none were sent";
        return template.ToFinding($"{template.Message} Due {last.DueDate:yyyy-MM-dd} ({last.Series.Reason.ToLowerInvariant()}); {newest}.");
    }

    private static string Times(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
