using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

public sealed record VteRules
{
    public required double ObesityBmiAtLeast { get; init; }
    public required IReadOnlyList<VteRiskFactor> IndividualFactors { get; init; }
    public required IReadOnlyList<VteRiskFactor> MyelomaFactors { get; init; }
    public required IReadOnlyList<Indication> MyelomaIndications { get; init; }
    public required IReadOnlyList<VteRiskFactor> TherapyFactors { get; init; }

    /// <summary>This many individual or myeloma-related factors call for LMWH or warfarin.</summary>
    public required int LmwhWhenIndividualFactorsAtLeast { get; init; }
    public required AspirinProphylaxis Aspirin { get; init; }
    public required AnticoagulantProphylaxis LmwhOrWarfarin { get; init; }
    public required ThresholdFinding LmwhRenalCaution { get; init; }
    public required ThresholdFinding LmwhSevereRenalAdjustment { get; init; }
    public required ThresholdFinding LowPlatelets { get; init; }
    public required FindingTemplate ExistingAnticoagulation { get; init; }
    public required FindingTemplate WarfarinInrMonitoring { get; init; }

    /// <summary>Recorded allergies to the agents: aspirin redirects to LMWH or warfarin, heparin or warfarin leaves the other.</summary>
    public required ProphylaxisAllergyRules Allergies { get; init; }
}

public sealed record ProphylaxisAllergyRules
{
    public required FindingTemplate Aspirin { get; init; }
    public required FindingTemplate Heparin { get; init; }
    public required FindingTemplate Warfarin { get; init; }

    /// <summary>Every listed agent is excluded by an allergy.</summary>
    public required FindingTemplate NoAgent { get; init; }
}

public sealed record AspirinProphylaxis
{
    public required int MinDoseMg { get; init; }
    public required int MaxDoseMg { get; init; }
    public required FindingTemplate Finding { get; init; }
}

public sealed record AnticoagulantProphylaxis
{
    public required string LmwhAgent { get; init; }
    public required int LmwhDoseMg { get; init; }
    public required double WarfarinInrMin { get; init; }
    public required double WarfarinInrMax { get; init; }
    public required FindingTemplate Finding { get; init; }
}

/// <summary>A finding that applies below a threshold (CrCl in mL/min, platelets per µL).</summary>
public sealed record ThresholdFinding
{
    public required double Below { get; init; }

    /// <summary>An adjusted dose the finding names, where it names one.</summary>
    public int? AdjustedDoseMg { get; init; }
    public required FindingTemplate Finding { get; init; }
}
