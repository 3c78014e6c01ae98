using Lena.Clinical.Derived;
using Lena.Clinical.Findings;

namespace Lena.Clinical.Contraindications;

/// <summary>
/// The one safety gate: what forbids any dose for this patient — the absolute contraindications of the rule
/// set that hold, and a renal band in which the indication is not recommended. Dosing answers
/// <c>notRecommended</c> and prophylaxis <c>notApplicable</c> exactly when this is not empty, on every route,
/// and the contraindication status is then <c>contraindicated</c>.
/// </summary>
public static class DoseGate
{
    public const string RenalNotRecommendedCode = "renalNotRecommended";

    /// <summary>The findings that close the gate (empty: dosing may go on). Contraindications keep their own origin, so a
    /// consumer shows them where contraindications are shown, whichever route carried them.</summary>
    public static IReadOnlyList<Finding> Closing(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        foreach (var rule in context.Rules.Contraindications)
        {
            if (rule.Absolute && ContraindicationConditions.Apply(rule, context.Snapshot))
            {
                findings.Add(rule.Finding.ToFinding() with { Origins = FindingOrigins.Contraindications });
            }
        }

        if (context.RenalRule is { NotRecommended: true } renal)
        {
            findings.Add(new Finding(RenalNotRecommendedCode, Severity.Critical, Dosing.DosingEvaluator.RenalMessage(context, renal), renal.Citations) { Origins = FindingOrigins.Dosing });
        }

        return findings;
    }
}
