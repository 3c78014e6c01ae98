using Lena.Clinical.Rules;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// How old a creatinine or weight may be for a dose to rest on it, from the rule set: the renal-function
/// monitoring interval in force (the higher-risk interval from the age the rule set names, else the standard one)
/// plus the grace the rule set gives its longest CBC interval (countAge). Cockcroft–Gault rests on both values,
/// so both get the same limit. Older values are left out with a "stale since" problem, never used or mistaken
/// for a unit error.
/// </summary>
internal static class DataAge
{
    /// <summary>The limit in days and what it rests on, in words; null when the rule set has no renal interval.</summary>
    public static (int MaxAgeDays, string Basis)? RenalInputs(MappingContext context)
    {
        var monitoring = context.Rules.Monitoring;
        var renal = monitoring.Series.Where(s => s.Test == MonitoringTest.RenalFunction && s.EveryDays is not null).ToList();
        if (renal.Count == 0)
        {
            return null;
        }

        var higherRisk = AgeToday(context) is { } age && age >= monitoring.HigherRenalRiskAgeAtLeast;
        var series = renal.FirstOrDefault(s => s.When?.HigherRenalRisk == higherRisk) ?? renal.MinBy(s => s.EveryDays);
        var grace = context.Rules.CountAge.Count == 0 ? 0 : context.Rules.CountAge.MaxBy(c => c.IntervalDays)!.GraceDays;
        return (series!.EveryDays!.Value + grace, $"{series.Reason.ToLowerInvariant()}, plus {grace} days' grace");
    }

    /// <summary>Whole years today from the Patient's birthDate, or null.</summary>
    private static int? AgeToday(MappingContext context)
    {
        if (context.Record.Patient is not { } patient || FhirValues.Date(FhirValues.Text(patient.BirthDateElement)) is not { } birth)
        {
            return null;
        }

        var today = context.Today;
        return today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
    }
}
