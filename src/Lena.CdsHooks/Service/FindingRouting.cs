using Lena.CdsHooks.Cards;
using Lena.Clinical.Findings;

namespace Lena.CdsHooks.Service;

/// <summary>
/// Which card a finding belongs on: a lookup of the evaluators that stated it (<see cref="Finding.Origins"/>), never a
/// second evaluation or a match on text. Thromboprophylaxis first, then REMS, then dosing; everything else (the
/// contraindication checks, the absolute contraindications of the dose gate) on the contraindications card.
/// </summary>
public static class FindingRouting
{
    public static CardConcern CardFor(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var origins = finding.Origins;
        return origins.HasFlag(FindingOrigins.VteProphylaxis) ? CardConcern.Vte
            : origins.HasFlag(FindingOrigins.Rems) ? CardConcern.Rems
            : origins.HasFlag(FindingOrigins.Dosing) ? CardConcern.Dose
            : CardConcern.Contraindications;
    }
}
