using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Validation;

/// <summary>
/// Everything about a typed snapshot that is not its JSON shape: plausible ranges and unit hints,
/// contradictions and date windows, and what the concern requires. Every front end (JSON body, FHIR
/// mapping, course state) validates through here, so a snapshot is judged alike whatever built it.
/// </summary>
public static class SnapshotValidator
{
    public static ValidationErrors Validate(PatientSnapshot snapshot, Concern concern, RuleSet rules, DateOnly today)
    {
        var errors = new ValidationErrors();
        Validate(snapshot, concern, rules, today, errors);
        return errors;
    }

    /// <summary>Adds to <paramref name="errors"/> (which may already hold the reader's shape errors).</summary>
    public static void Validate(PatientSnapshot snapshot, Concern concern, RuleSet rules, DateOnly today, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(errors);
        PlausibleValues.Check(snapshot, errors);
        SnapshotConsistency.Check(snapshot, today, errors);
        ConcernRequirements.Check(snapshot, concern, rules, today, errors);
    }
}
