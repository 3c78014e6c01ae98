using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Courses;

/// <summary>
/// Turns the monitoring planner's schedule into a course's follow-ups, window by window, so a
/// course never silently runs out of follow-ups; and adds the REMS duties that outlast a stop.
/// </summary>
public static class CoursePlanner
{
    /// <summary>Follow-ups due after <paramref name="after"/> (exclusive, null = from the start) up to <paramref name="through"/>.</summary>
    public static IReadOnlyList<FollowUpItem> Plan(PatientContext context, DateOnly? after, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = context.Snapshot.Therapy.StartDate
            ?? throw new InvalidOperationException("A course needs therapy.startDate; validation lets no snapshot without it through.");
        var plan = MonitoringPlanner.Plan(context, Math.Max(0, through.DayNumber - start.DayNumber));
        return plan.Checks
            .Where(c => after is null || c.DueDate > after)
            .Select(c => new FollowUpItem(LenaJson.WireName(c.Test), c.DueDate, c.Reason))
            .ToArray();
    }

    /// <summary>The dated REMS duties after the last dose on <paramref name="stoppedOn"/>.</summary>
    public static IReadOnlyList<FollowUpItem> PostTreatment(PatientSnapshot snapshot, RuleSet rules, DateOnly stoppedOn)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.PostTreatmentDuties
            .Where(d => d.AppliesTo switch
            {
                DutyAppliesTo.FemaleOfReproductivePotential => snapshot.IsFemaleOfReproductivePotential,
                DutyAppliesTo.Male => snapshot.Sex == Sex.Male,
                _ => true,
            })
            .Select(d => new FollowUpItem(d.Test, stoppedOn.AddDays(d.DaysAfterLastDose), d.Reason))
            .ToArray();
    }
}
