using Lena.Clinical.Derived;
using Lena.Clinical.Findings;

namespace Lena.Clinical.Contraindications;

/// <summary>The label's maximum course length (FL and MZL: 12 cycles): once completed, no further lenalidomide.</summary>
public static class MaximumCycles
{
    public static Finding? Reached(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Indication.MaximumCycles is { } rule && context.Snapshot.Therapy.CyclesCompleted >= rule.Cycles
            ? rule.Finding.ToFinding($"{context.Snapshot.Therapy.CyclesCompleted} cycles completed. {rule.Finding.Message}")
            : null;
    }
}
