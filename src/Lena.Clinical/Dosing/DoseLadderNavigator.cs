using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

/// <summary>
/// Moves along one indication's dose ladder: finds a dose's step, the next lower step above the
/// floor, and applies the renal band (its cap, frequency and administration) to any step.
/// </summary>
internal sealed class DoseLadderNavigator
{
    private readonly IndicationRules _indication;
    private readonly RenalDoseRule? _renal;
    private readonly int _startIndex;

    public DoseLadderNavigator(PatientContext context)
    {
        _indication = context.Indication;
        _renal = context.RenalRule;
        _startIndex = FindIndex(_indication, _indication.StartingDose.DoseMg, _indication.StartingDose.Schedule)
            ?? throw new InvalidOperationException($"The starting dose of {_indication.Indication} is not on its ladder.");
        FloorMg = _renal?.LadderFloorMg ?? _indication.Ladder.FloorMg;
    }

    public double FloorMg { get; }

    public DoseSchedule IndicationSchedule => _indication.StartingDose.Schedule;

    /// <summary>The ladder index of a dose; null when it is on no step (or ambiguous without a schedule).</summary>
    public static int? FindIndex(IndicationRules indication, double doseMg, DoseSchedule? schedule)
    {
        ArgumentNullException.ThrowIfNull(indication);
        var matches = indication.Ladder.Steps
            .Select((step, index) => (step, index))
            .Where(s => s.step.DoseMg.Equals(doseMg))
            .ToList();
        if (schedule is { } wanted)
        {
            var exact = matches.Where(s => (s.step.Schedule ?? indication.StartingDose.Schedule) == wanted).ToList();
            if (exact.Count > 0)
            {
                return exact[0].index;
            }
        }

        return matches.Count == 1 ? matches[0].index : null;
    }

    /// <summary>The step for a dose the patient is on; a renal dose below every step sits below the ladder.</summary>
    public DoseStep Current(double doseMg, DoseSchedule? schedule)
    {
        var index = FindIndex(_indication, doseMg, schedule);
        if (index is null)
        {
            // Validation admits only ladder doses and renal-table doses; the latter sit below the ladder.
            return Apply(new DoseSpec { DoseMg = doseMg, Schedule = schedule }, _indication.Ladder.Steps.Count, cap: false);
        }

        return AtIndex(index.Value, cap: false);
    }

    public DoseStep Starting()
    {
        var start = AtIndex(_startIndex);
        if (_renal?.Dose is not { } renalDose)
        {
            return start;
        }

        var index = FindIndex(_indication, renalDose.DoseMg, renalDose.Schedule ?? IndicationSchedule) ?? _indication.Ladder.Steps.Count;
        return Apply(renalDose, index, cap: false);
    }

    /// <summary>One step down, or null when the next step would go below the floor.</summary>
    public DoseStep? NextLower(DoseStep current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var next = current.LadderIndex + 1;
        if (next >= _indication.Ladder.Steps.Count || _indication.Ladder.Steps[next].DoseMg < FloorMg)
        {
            return null;
        }

        return AtIndex(next);
    }

    public DoseStep Fixed(double doseMg) =>
        FindIndex(_indication, doseMg, IndicationSchedule) is { } index
            ? AtIndex(index)
            : Apply(new DoseSpec { DoseMg = doseMg }, _indication.Ladder.Steps.Count, cap: true);

    /// <summary>True when the renal band allows less than this step: the step must come down to the band's dose.</summary>
    public bool ExceedsRenalCap(DoseStep step) => _renal?.Dose is { } cap && step.DoseMg > cap.DoseMg;

    public DoseStep AtIndex(int index, bool cap = true) => Apply(_indication.Ladder.Steps[index], index, cap);

    /// <summary>The renal band's dose when a step is above it; the band's frequency and administration always.</summary>
    private DoseStep Apply(DoseSpec spec, int index, bool cap)
    {
        var renal = _renal?.Dose;
        if (cap && renal is not null && spec.DoseMg > renal.DoseMg)
        {
            var renalIndex = FindIndex(_indication, renal.DoseMg, renal.Schedule ?? IndicationSchedule) ?? _indication.Ladder.Steps.Count;
            return Apply(renal, renalIndex, cap: false);
        }

        return new DoseStep(
            spec.DoseMg,
            renal?.Frequency ?? spec.Frequency,
            spec.Schedule ?? IndicationSchedule,
            renal?.Administration ?? spec.Administration,
            index,
            _startIndex - index);
    }
}
