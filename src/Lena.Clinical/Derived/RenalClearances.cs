using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Derived;

/// <summary>The creatinine clearances a snapshot gives: as reported, as computed, and the one that decides (the lower).</summary>
internal sealed record RenalClearances(double? Reported, double? CockcroftGault)
{
    public double? Used => (Reported, CockcroftGault) switch
    {
        ({ } r, { } c) => Math.Min(r, c),
        ({ } r, null) => r,
        (null, { } c) => c,
        _ => null,
    };

    public CreatinineClearanceSource? UsedSource => (Reported, CockcroftGault) switch
    {
        ({ } r, { } c) => c < r ? CreatinineClearanceSource.CockcroftGault : CreatinineClearanceSource.Reported,
        (not null, null) => CreatinineClearanceSource.Reported,
        (null, not null) => CreatinineClearanceSource.CockcroftGault,
        _ => null,
    };

    public static RenalClearances Of(PatientSnapshot snapshot)
    {
        var renal = snapshot.Renal;
        double? computed = renal?.SerumCreatinineMgPerDl is { } creatinine && snapshot is { AgeYears: { } age, WeightKg: { } weight }
            ? ClinicalFormulas.CockcroftGault(age, weight, creatinine, snapshot.Sex)
            : null;
        return new RenalClearances(renal?.CreatinineClearanceMlPerMin, computed);
    }
}
