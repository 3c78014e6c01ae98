using Lena.CdsHooks.Cards;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;

namespace Lena.CdsHooks.Service;

/// <summary>
/// Which card each finding belongs on, decided by which evaluator produced it (not by a list of
/// codes that could drift from the rule data): thromboprophylaxis, then REMS (cited to the REMS
/// programme), then dosing, and everything else on the contraindications card.
/// </summary>
public static class FindingRouting
{
    public const string RemsSource = "Lenalidomide REMS";

    /// <param name="context">The evaluated patient.</param>
    /// <param name="all">The findings of that patient's assessment.</param>
    public static IReadOnlyDictionary<string, CardConcern> For(PatientContext context, IReadOnlyList<Finding> all)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(all);
        var routing = new Dictionary<string, CardConcern>(StringComparer.Ordinal);
        foreach (var finding in ClinicalEvaluator.Evaluate(Concern.VteProphylaxis, context).Findings)
        {
            routing.TryAdd(finding.Code, CardConcern.Vte);
        }

        foreach (var finding in all.Where(f => f.Citations.Any(c => c.Source == RemsSource)))
        {
            routing.TryAdd(finding.Code, CardConcern.Rems);
        }

        foreach (var finding in ClinicalEvaluator.Evaluate(Concern.Dosing, context).Findings)
        {
            routing.TryAdd(finding.Code, CardConcern.Dose);
        }

        foreach (var finding in all)
        {
            routing.TryAdd(finding.Code, CardConcern.Contraindications);
        }

        return routing;
    }
}
