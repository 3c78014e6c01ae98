using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>
/// The versioned rule data: every number the evaluators apply, each with its citations.
/// Code holds the logic of applying it; a pharmacist changes the numbers by publishing a new version.
/// </summary>
public sealed record RuleSet
{
    public required string Version { get; init; }
    public string? Description { get; init; }
    public required RenalBandDefinitions RenalBands { get; init; }
    public required IReadOnlyList<IndicationRules> Indications { get; init; }

    /// <summary>Holds that apply to every indication in addition to its own (SUMMARY).</summary>
    public required IReadOnlyList<HoldRule> CommonHolds { get; init; }
    public required OtherToxicityRule OtherToxicity { get; init; }
    public required FindingTemplate GrowthFactorSupport { get; init; }
    public required FindingTemplate FloorReached { get; init; }
    public required MonitoringRules Monitoring { get; init; }
    public required VteRules Vte { get; init; }
    public required IReadOnlyList<ContraindicationRule> Contraindications { get; init; }

    public required SafetyChecks SafetyChecks { get; init; }

    /// <summary>The oldest counts each decision may rest on, per indication and phase (first match wins).</summary>
    public required IReadOnlyList<CountAgeRule> CountAge { get; init; }

    /// <summary>REMS duties that outlast treatment; they become dated follow-ups when a course stops.</summary>
    public IReadOnlyList<PostTreatmentDuty> PostTreatmentDuties { get; init; } = [];

    /// <summary>The count-age rule for a decision, or null when the rule set names none (the validator forbids gaps).</summary>
    public CountAgeRule? CountAgeFor(Indication indication, TherapyStatus status, int day) =>
        CountAge.FirstOrDefault(r => r.AppliesTo(indication, status, day));

    public IndicationRules For(Indication indication) =>
        Indications.FirstOrDefault(i => i.Indication == indication)
        ?? throw new InvalidOperationException($"Rule set {Version} has no rules for {indication}.");
}

/// <summary>A finding whose code, severity, text and sources are all data.</summary>
public sealed record FindingTemplate
{
    public required string Code { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }

    public Finding ToFinding() => new(Code, Severity, Message, Citations);

    public Finding ToFinding(string message) => new(Code, Severity, message, Citations);
}
