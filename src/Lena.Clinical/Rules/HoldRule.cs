using Lena.Clinical.Findings;

namespace Lena.Clinical.Rules;

public enum Analyte
{
    Anc,
    Platelets,
}

/// <summary>Which part of therapy a hold rule covers (MDS has a separate table for the first weeks).</summary>
public enum HoldPhase
{
    Any,
    EarlyAtStartingDose,
    Later,
}

public enum ResumeDoseRule
{
    /// <summary>The dose at interruption.</summary>
    Current,

    /// <summary>One step down the ladder.</summary>
    NextLower,

    /// <summary>The dose at interruption for a first hold for neutropenia alone; else one step down.</summary>
    CurrentIfFirstNeutropeniaElseNextLower,

    /// <summary>A fixed dose (<see cref="HoldRule.ResumeDoseMg"/>).</summary>
    Fixed,
}

public enum DurationCounter
{
    AncBelow500ForDays,
    AncBelow1000ForDays,
}

/// <summary>
/// A hold rule: when any trigger fires on today's count, interrupt; resume when the count is at least
/// <see cref="ResumeAtLeastPerMicroliter"/>, at the dose <see cref="ResumeDose"/> names.
/// </summary>
public sealed record HoldRule
{
    public required string Id { get; init; }
    public required Analyte Analyte { get; init; }
    public HoldPhase Phase { get; init; } = HoldPhase.Any;

    /// <summary>Applies only when the analyte's baseline is at least this (needs a baseline).</summary>
    public int? BaselineAtLeastPerMicroliter { get; init; }

    /// <summary>Applies only when the analyte's baseline is below this (needs a baseline).</summary>
    public int? BaselineBelowPerMicroliter { get; init; }
    public required IReadOnlyList<HoldTrigger> Triggers { get; init; }
    public required int ResumeAtLeastPerMicroliter { get; init; }
    public required ResumeDoseRule ResumeDose { get; init; }
    public double? ResumeDoseMg { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }

    public bool NeedsBaseline => BaselineAtLeastPerMicroliter is not null || BaselineBelowPerMicroliter is not null
        || Triggers.Any(t => t.AtMostFractionOfBaseline is not null);
}

/// <summary>One way a hold fires. All given conditions must hold together.</summary>
public sealed record HoldTrigger
{
    /// <summary>Count strictly below this.</summary>
    public int? BelowPerMicroliter { get; init; }

    /// <summary>Count at most this fraction of baseline (MDS platelets with a low baseline).</summary>
    public double? AtMostFractionOfBaseline { get; init; }

    /// <summary>Only with fever of at least 38.5 °C.</summary>
    public bool WithFever { get; init; }

    /// <summary>Only when platelet-transfusion dependent.</summary>
    public bool WithTransfusionDependence { get; init; }

    /// <summary>Only when the low count has lasted at least this many days, as counted by <see cref="DurationCounter"/>.</summary>
    public int? SustainedDaysAtLeast { get; init; }
    public DurationCounter? DurationCounter { get; init; }
}

/// <summary>Grade 3–4 non-hematologic toxicity: interrupt, resume one step lower once grade ≤ 2.</summary>
public sealed record OtherToxicityRule
{
    public required string Code { get; init; }
    public required ResumeDoseRule ResumeDose { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}
