using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>Everything indication-specific: start dose, renal table row, ladder, holds, notes.</summary>
public sealed record IndicationRules
{
    public required Indication Indication { get; init; }
    public required string DisplayName { get; init; }
    public required StartingDoseRule StartingDose { get; init; }
    public required DoseLadder Ladder { get; init; }
    public required IReadOnlyList<RenalDoseRule> Renal { get; init; }
    public StartCriteriaRule? StartCriteria { get; init; }

    /// <summary>Length of the early phase with its own hold table (MDS: the first 4 weeks); null when none.</summary>
    public int? EarlyPhaseDays { get; init; }
    public required IReadOnlyList<HoldRule> Holds { get; init; }
    public IReadOnlyList<NotRecommendedRule> NotRecommended { get; init; } = [];
    public IReadOnlyList<IndicationNote> Notes { get; init; } = [];

    /// <summary>The label's maximum course length in cycles (FL, MZL: 12); null when the label gives none.</summary>
    public MaximumCyclesRule? MaximumCycles { get; init; }
}

/// <summary>Once this many cycles are completed, no further lenalidomide (finding maximumCyclesReached).</summary>
public sealed record MaximumCyclesRule
{
    public required int Cycles { get; init; }
    public required FindingTemplate Finding { get; init; }
}

public sealed record StartingDoseRule
{
    public required double DoseMg { get; init; }
    public DoseFrequency Frequency { get; init; } = DoseFrequency.Daily;
    public required DoseSchedule Schedule { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

/// <summary>The indication's dose steps, highest first. A step's schedule defaults to the indication's.</summary>
public sealed record DoseLadder
{
    public required IReadOnlyList<DoseSpec> Steps { get; init; }
    public required double FloorMg { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

/// <summary>One cell of the renal table: the starting dose for a band, or not recommended.</summary>
public sealed record RenalDoseRule
{
    public required string Band { get; init; }
    public DoseSpec? Dose { get; init; }
    public bool NotRecommended { get; init; }

    /// <summary>A lower ladder floor that applies when the start was renally reduced (FL/MZL 2.5 mg).</summary>
    public double? LadderFloorMg { get; init; }
    public required string Message { get; init; }
    public FindingTemplate? FollowUpNote { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

/// <summary>Counts that must be met before the first dose (maintenance), else defer.</summary>
public sealed record StartCriteriaRule
{
    public required string Code { get; init; }
    public required int AncAtLeastPerMicroliter { get; init; }
    public required int PlateletsAtLeastPerMicroliter { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

public enum NotRecommendedCondition
{
    Monosomy7,
}

public sealed record NotRecommendedRule
{
    public required NotRecommendedCondition When { get; init; }
    public required FindingTemplate Finding { get; init; }
}

/// <summary>An indication-level statement, optionally only in some situations.</summary>
public sealed record IndicationNote
{
    public required FindingTemplate Finding { get; init; }
    public IReadOnlyList<TherapyStatus>? OnlyWhenStatus { get; init; }
    public int? MaintenanceCyclesCompletedAtLeast { get; init; }
}
