using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<MonitoringTest>))]
public enum MonitoringTest
{
    Cbc,
    LiverFunction,
    ThyroidFunction,
    RenalFunction,
    PregnancyTest,
    ResponseAssessment,
}

/// <summary>What a monitoring series counts its days from.</summary>
public enum MonitoringAnchor
{
    /// <summary>Day 0 is <c>therapy.startDate</c>.</summary>
    StartDate,

    /// <summary>Day 0 is the evaluation date (checks while a dose is on hold).</summary>
    Today,
}

public sealed record MonitoringRules
{
    /// <summary>Who counts as at higher renal risk (renal function checked more often).</summary>
    public required int HigherRenalRiskAgeAtLeast { get; init; }
    public required double HigherRenalRiskCrClBelowMlPerMin { get; init; }
    public required int DefaultHorizonDays { get; init; }
    public required int MaxHorizonDays { get; init; }
    public required IReadOnlyList<MonitoringSeries> Series { get; init; }
}

/// <summary>
/// A run of checks of one test: explicit days, and/or every <see cref="EveryDays"/> from
/// <see cref="FromDay"/> to <see cref="ToDay"/> (inclusive; null runs to the horizon).
/// </summary>
public sealed record MonitoringSeries
{
    public required string Id { get; init; }
    public required MonitoringTest Test { get; init; }
    public IReadOnlyList<Indication>? Indications { get; init; }
    public MonitoringAnchor Anchor { get; init; } = MonitoringAnchor.StartDate;
    public IReadOnlyList<int> Days { get; init; } = [];
    public int? FromDay { get; init; }
    public int? EveryDays { get; init; }
    public int? ToDay { get; init; }
    public MonitoringCondition? When { get; init; }

    /// <summary>
    /// How many days before its dated day a result still counts for a check (REMS: the first pregnancy test is dated day
    /// −10 and counts from day −14). The dose gate and overdue warnings read these windows, so they and the reminders
    /// of a course never disagree.
    /// </summary>
    public int WindowDaysBefore { get; init; }

    /// <summary>How many days after its dated day a result still counts (the second test: day −1 or the day of the first dose).</summary>
    public int WindowDaysAfter { get; init; }
    public required string Reason { get; init; }

    /// <summary>This series' part of the human-readable rule ("weekly for 8 weeks").</summary>
    public required string Summary { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

/// <summary>Conditions on the patient; every one given must hold.</summary>
public sealed record MonitoringCondition
{
    public bool? FemaleOfReproductivePotential { get; init; }
    public bool? IrregularMenstrualCycles { get; init; }
    public bool? HigherRenalRisk { get; init; }
    public TherapyStatus? TherapyStatus { get; init; }
}
