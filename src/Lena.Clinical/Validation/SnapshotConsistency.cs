using Lena.Clinical.Contract;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Validation;

/// <summary>
/// Inputs that contradict each other, and dates outside plausible windows: a 400 naming every field involved,
/// never a silent choice between them (API.md, "Safety and consistency").
/// </summary>
internal static class SnapshotConsistency
{
    public static void Check(PatientSnapshot snapshot, DateOnly today, ValidationErrors errors)
    {
        CheckSex(snapshot, errors);
        CheckCytogenetics(snapshot, errors);
        CheckLabDates(snapshot.Labs, today, errors);
        CheckTherapyDates(snapshot.Therapy, today, errors);
        CheckPregnancyTests(snapshot, today, errors);
        CheckLiver(snapshot.Liver, today, errors);
    }

    private static void CheckPregnancyTests(PatientSnapshot snapshot, DateOnly today, ValidationErrors errors)
    {
        if (snapshot.Sex == Sex.Male && snapshot.PregnancyTests.Count > 0)
        {
            errors.Add("pregnancyTests", "are sent but sex is male; correct one of them.");
        }

        for (var i = 0; i < snapshot.PregnancyTests.Count; i++)
        {
            DateWindows.CheckSampleDate(errors, $"pregnancyTests[{i}].takenOn", snapshot.PregnancyTests[i].TakenOn, today, DateWindows.PregnancyTestYearsBack,
                $"send the tests of this course, dated within {DateWindows.PregnancyTestYearsBack} years before today ({today:yyyy-MM-dd}).");
        }
    }

    private static void CheckLiver(LiverTests? liver, DateOnly today, ValidationErrors errors)
    {
        if (liver is null)
        {
            return;
        }

        if (liver.TakenOn is not { } takenOn)
        {
            errors.Add("liver.takenOn", "is required whenever liver tests are sent: the date the sample was taken, as yyyy-MM-dd.");
        }
        else
        {
            DateWindows.CheckSampleDate(errors, "liver.takenOn", takenOn, today, DateWindows.LabYearsBack,
                $"liver tests must be dated within {DateWindows.LabYearsBack} years before today ({today:yyyy-MM-dd}).");
        }

        if (liver is { AltTimesUpperLimit: null, AstTimesUpperLimit: null, BilirubinTimesUpperLimit: null })
        {
            errors.Add("liver", "needs at least one of altTimesUpperLimit, astTimesUpperLimit and bilirubinTimesUpperLimit (each value ÷ the laboratory's upper limit of normal).");
        }
    }

    private static void CheckSex(PatientSnapshot snapshot, ValidationErrors errors)
    {
        if (snapshot.Sex == Sex.Male)
        {
            foreach (var (name, value) in new[]
            {
                ("femaleOfReproductivePotential", snapshot.FemaleOfReproductivePotential == true),
                ("pregnant", snapshot.Pregnant),
                ("breastfeeding", snapshot.Breastfeeding),
                ("irregularMenstrualCycles", snapshot.IrregularMenstrualCycles),
            })
            {
                if (value)
                {
                    errors.Add(name, "is true but sex is male; correct one of them.");
                }
            }

            return;
        }

        if (snapshot.FemaleOfReproductivePotential is null)
        {
            errors.Add("femaleOfReproductivePotential", "is required when sex is female: true unless she is postmenopausal (no menses for at least 24 consecutive months) or has had a hysterectomy or bilateral oophorectomy.");
        }
        else if (snapshot.Pregnant && snapshot.FemaleOfReproductivePotential == false)
        {
            errors.Add("femaleOfReproductivePotential", "is false but pregnant is true; a pregnant patient is of reproductive potential. Correct one of them.");
        }
    }

    private static void CheckCytogenetics(PatientSnapshot snapshot, ValidationErrors errors)
    {
        const string Fix = "The indication and the karyotype must agree: correct one of them.";
        if (snapshot.Indication == Indication.MdsNonDel5q && snapshot.Cytogenetics.Del5q == true)
        {
            errors.Add("indication", "is mdsNonDel5q but cytogenetics.del5q is true. " + Fix);
            errors.Add("cytogenetics.del5q", "is true but indication is mdsNonDel5q. " + Fix);
        }
        else if (snapshot.Indication == Indication.MdsDel5q && snapshot.Cytogenetics.Del5q == false)
        {
            errors.Add("indication", "is mdsDel5q but cytogenetics.del5q is false. " + Fix);
            errors.Add("cytogenetics.del5q", "is false but indication is mdsDel5q. " + Fix);
        }
    }

    private static void CheckLabDates(LabResults? labs, DateOnly today, ValidationErrors errors)
    {
        if (labs is null)
        {
            return;
        }

        if (labs.TakenOn is not { } takenOn)
        {
            errors.Add("labs.takenOn", "is required whenever labs are sent: counts without the date they were taken cannot drive a decision. Send the sample date as yyyy-MM-dd.");
            return;
        }

        DateWindows.CheckSampleDate(errors, "labs.takenOn", takenOn, today, DateWindows.LabYearsBack,
            $"counts must be dated within {DateWindows.LabYearsBack} years before today ({today:yyyy-MM-dd}). Send the date of the newest counts.");
    }

    private static void CheckTherapyDates(TherapyState therapy, DateOnly today, ValidationErrors errors)
    {
        if (therapy.StartDate is not { } start)
        {
            return;
        }

        if (start < today.AddYears(-DateWindows.StartYearsBack) || start > today.AddYears(DateWindows.StartYearsAhead))
        {
            errors.Add("therapy.startDate", $"{start:yyyy-MM-dd} is implausible: it must lie within {DateWindows.StartYearsBack} years before and {DateWindows.StartYearsAhead} year after today ({today:yyyy-MM-dd}); send the day of the first dose.");
            return;
        }

        // More days on drug than calendar days since the start (plus one, for the day itself) is impossible; fewer is
        // normal (off-weeks, holds). Before the start only 0 days on drug is possible.
        var calendarDays = today.DayNumber - start.DayNumber;
        var mostPossible = calendarDays < 0 ? 0 : calendarDays + 1;
        if (therapy.DaysOnTherapy is { } days && days > mostPossible)
        {
            var since = calendarDays < 0 ? $"has not started yet ({-calendarDays} days from today)" : $"started {calendarDays} days before today ({today:yyyy-MM-dd})";
            errors.Add("therapy.daysOnTherapy", $"is {days}, but therapy {since}; days on therapy cannot exceed the calendar days since therapy.startDate. Correct one of them.");
            errors.Add("therapy.startDate", $"{start:yyyy-MM-dd} gives {Math.Max(calendarDays, 0)} calendar days to today, fewer than therapy.daysOnTherapy ({days}). Correct one of them.");
        }
    }
}
