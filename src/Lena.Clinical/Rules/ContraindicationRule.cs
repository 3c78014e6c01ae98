using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>Ordered from least to most severe.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<ContraindicationStatus>))]
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
    TakesStatin,
    TakesCombinedHormonalContraceptive,

    ThalidomideClassAllergy,

    /// <summary>therapy.status is starting (warnings that belong to the decision to start).</summary>
    Starting,
}

/// <summary>Which part of the advice a rule's finding belongs to (a CDS card routes by it).</summary>
public enum ContraindicationTopic
{
    Safety,
    Rems,
}

public sealed record ContraindicationRule
{
    public required ContraindicationCondition When { get; init; }
    public IReadOnlyList<Indication>? Indications { get; init; }
    public required ContraindicationStatus Status { get; init; }

    /// <summary>
    /// An absolute contraindication: no dose on any route (dose <c>notRecommended</c>, prophylaxis
    /// <c>notApplicable</c>). The validator requires it exactly for <c>contraindicated</c> rules, so the
    /// contraindication status and the dose can never disagree.
    /// </summary>
    public bool Absolute { get; init; }

    public ContraindicationTopic Topic { get; init; } = ContraindicationTopic.Safety;
    public required FindingTemplate Finding { get; init; }
}
