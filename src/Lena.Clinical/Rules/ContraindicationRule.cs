using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>Ordered from least to most severe.</summary>
public enum ContraindicationStatus
{
    Clear,
    Caution,
    Hold,
    Contraindicated,
}

/// <summary>The patient facts a contraindication rule can test; their logic lives in code.</summary>
public enum ContraindicationCondition
{
    Always,
    Pregnant,
    LenalidomideHypersensitivity,
    SevereSkinReactionToThalidomide,
    Monosomy7,
    TakesPembrolizumab,
    Breastfeeding,
    Tp53Mutation,
    FemaleOfReproductivePotential,
    Male,
    TakesDigoxin,
    TakesWarfarin,
    TakesThrombogenicCoMedication,
    TransplantCandidate,
    Melphalan,
}

public sealed record ContraindicationRule
{
    public required ContraindicationCondition When { get; init; }
    public IReadOnlyList<Indication>? Indications { get; init; }
    public required ContraindicationStatus Status { get; init; }
    public required FindingTemplate Finding { get; init; }
}
