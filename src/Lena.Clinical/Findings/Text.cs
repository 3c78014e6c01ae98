using System.Globalization;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Findings;

/// <summary>How numbers and doses read in finding messages: invariant, with units.</summary>
internal static class Text
{
    public static string Count(int perMicroliter) => perMicroliter.ToString("N0", CultureInfo.InvariantCulture) + "/µL";

    public static string Mg(double doseMg) => doseMg.ToString("0.##", CultureInfo.InvariantCulture) + " mg";

    public static string MlPerMin(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " mL/min";

    public static string Frequency(DoseFrequency frequency) => frequency switch
    {
        DoseFrequency.Every48Hours => "every 48 hours",
        _ => "once daily",
    };

    public static string Schedule(DoseSchedule schedule) => schedule switch
    {
        DoseSchedule.Days1To21Every28 => "on days 1–21 of 28-day cycles",
        _ => "continuously",
    };

    public static string Dose(double doseMg, DoseFrequency frequency, DoseSchedule schedule, DoseAdministration? administration) =>
        $"{Mg(doseMg)} {Frequency(frequency)} {Schedule(schedule)}"
        + (administration == DoseAdministration.AfterDialysisOnDialysisDays ? ", after dialysis on dialysis days" : string.Empty);

    public static string Analyte(Analyte analyte) => analyte == Rules.Analyte.Anc ? "ANC" : "Platelets";
}
