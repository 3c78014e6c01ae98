using System.Globalization;
using Lena.Clinical.Contract;

namespace Lena.Clinical.Validation;

/// <summary>
/// The plausible window of every date the API takes that is not checked against a course (README "Date windows"
/// lists them all, with the course and CDS Hooks ones). A date outside its window is a client bug, not data: a
/// 400 naming the field, the window and what to send — never stored, never evaluated, and never arithmetic that
/// could overflow (year 1 or 9999). "today" is the answer's date (UTC, or what-if's <c>today</c>).
/// </summary>
public static class DateWindows
{
    /// <summary>
    /// No lenalidomide answer is for a day before the drug was approved: "Initial U.S. Approval: 2005" (REVLIMID US
    /// Prescribing Information, Highlights). The earliest evaluation day an admin or the CLI may set.
    /// </summary>
    public static readonly DateOnly FirstApproval = new(2005, 1, 1);

    /// <summary>An evaluation day may lie this far after today: the planning horizon of a course start (therapy.startDate).</summary>
    public const int EvaluationYearsAhead = 1;

    /// <summary>Counts and liver tests older than this are no clinical record of the current patient.</summary>
    public const int LabYearsBack = 5;

    /// <summary>REMS pregnancy tests belong to this course: older ones are no part of its schedule.</summary>
    public const int PregnancyTestYearsBack = 2;

    /// <summary>therapy.startDate: a course started up to 20 years ago, or planned up to a year ahead.</summary>
    public const int StartYearsBack = 20;

    public const int StartYearsAhead = 1;

    /// <summary>
    /// The day answers are computed for, when a caller sets it (<c>POST /api/rules/what-if</c> <c>today</c>,
    /// <c>lena --today</c>): from <see cref="FirstApproval"/> to a year after the server's today. Null when inside.
    /// </summary>
    public static string? EvaluationDayProblem(DateOnly day, DateOnly serverToday)
    {
        var latest = serverToday.AddYears(EvaluationYearsAhead);
        return day < FirstApproval || day > latest
            ? string.Create(CultureInfo.InvariantCulture,
                $"{day:yyyy-MM-dd} is outside the plausible window {FirstApproval:yyyy-MM-dd} (lenalidomide's first US approval, 2005: REVLIMID US Prescribing Information) to {latest:yyyy-MM-dd} (one year after today, {serverToday:yyyy-MM-dd}); send the day the answers are for as yyyy-MM-dd, or leave it out for today.")
            : null;
    }

    /// <summary>
    /// A sample date (labs, liver tests, pregnancy tests): not after today (API.md: a test date after today is a 400)
    /// and not more than <paramref name="yearsBack"/> years before it.
    /// </summary>
    internal static void CheckSampleDate(ValidationErrors errors, string path, DateOnly takenOn, DateOnly today, int yearsBack, string tooOld)
    {
        if (takenOn > today)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"is {takenOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); send the date the sample was taken."));
        }
        else if (takenOn < today.AddYears(-yearsBack))
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"{takenOn:yyyy-MM-dd} is implausible: {tooOld}"));
        }
    }
}
