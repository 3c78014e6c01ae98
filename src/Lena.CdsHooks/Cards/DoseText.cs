using System.Globalization;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.CdsHooks.Cards;

/// <summary>How a dose reads to a clinician: "10 mg once daily, days 1–21 of each 28-day cycle".</summary>
public static class DoseText
{
    public static string Mg(double mg) => mg.ToString("0.##", CultureInfo.InvariantCulture) + " mg";

    public static string Frequency(DoseFrequency? frequency) => frequency switch
    {
        DoseFrequency.Every48Hours => "every 48 hours",
        _ => "once daily",
    };

    public static string Schedule(DoseSchedule? schedule) => schedule switch
    {
        DoseSchedule.Days1To21Every28 => "days 1–21 of each 28-day cycle",
        DoseSchedule.Continuous => "continuously",
        _ => string.Empty,
    };

    public static string Of(DoseRecommendation dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        if (dose.DoseMg is not { } mg)
        {
            return "no dose";
        }

        var text = $"{Mg(mg)} {Frequency(dose.Frequency)}";
        var schedule = Schedule(dose.Schedule);
        if (schedule.Length > 0)
        {
            text += ", " + schedule;
        }

        if (dose.Administration == DoseAdministration.AfterDialysisOnDialysisDays)
        {
            text += ", after dialysis on dialysis days";
        }

        return text;
    }

    public static string Resume(DoseRecommendation dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        var parts = new List<string>();
        if (dose.ResumeWhen?.AncAtLeastPerMicroliter is { } anc)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ANC ≥ {anc:N0}/µL"));
        }

        if (dose.ResumeWhen?.PlateletsAtLeastPerMicroliter is { } platelets)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"platelets ≥ {platelets:N0}/µL"));
        }

        var when = parts.Count == 0 ? "the toxicity resolves" : string.Join(" and ", parts);
        return dose.ResumeDoseMg is { } resume ? $"resume at {Mg(resume)} when {when}" : $"wait until {when}";
    }
}
