using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Vte;

namespace Lena.Clinical.Assessment;

/// <summary>
/// The advice of the concerns that could be evaluated, combined as the assessment combines them (one finding
/// per code). A part is null when its concern was withheld; a withheld part is never guessed.
/// </summary>
public sealed record AdviceParts
{
    public required PatientContext Context { get; init; }
    public DoseRecommendation? Dose { get; init; }
    public ProphylaxisAdvice? Prophylaxis { get; init; }
    public ContraindicationStatus? Status { get; init; }

    /// <summary>Every finding of the evaluated parts, each with the evaluators that stated it (<see cref="Finding.Origins"/>).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
}
