using Lena.Clinical.Findings;

namespace Lena.Clinical.Rules;

/// <summary>Who a post-treatment duty applies to.</summary>
public enum DutyAppliesTo
{
    Everyone,
    FemaleOfReproductivePotential,
    Male,
}

/// <summary>A REMS duty that lasts <see cref="DaysAfterLastDose"/> days after the last dose.</summary>
public sealed record PostTreatmentDuty
{
    /// <summary>The follow-up's <c>test</c> value, e.g. remsContraception.</summary>
    public required string Test { get; init; }
    public required DutyAppliesTo AppliesTo { get; init; }
    public required int DaysAfterLastDose { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}
