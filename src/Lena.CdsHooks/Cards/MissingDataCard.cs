using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// The card that says which advice was not given and why: the record cannot establish what that advice rests on
/// (a female's reproductive potential, an ambiguous indication, an unknown unit, a dexamethasone order without
/// structured timing). Only the advice that needs the missing data is withheld; the service never guesses past it.
/// </summary>
public static class MissingDataCard
{
    /// <summary>No advice at all: the record does not even say what and whom it is about.</summary>
    public static Card Build(string patientId, string draftReference, IEnumerable<FhirMappingProblem> problems, string ruleSetVersion) =>
        Build(patientId, draftReference, [], problems, ruleSetVersion, noAdvice: true);

    /// <param name="withheld">The cards not given, each with the problems that withheld it.</param>
    /// <param name="problems">Every problem of the record, blocking or not, so nothing waits for the next signing.</param>
    public static Card Build(string patientId, string draftReference, IReadOnlyList<WithheldAdvice> withheld, IEnumerable<FhirMappingProblem> problems, string ruleSetVersion, bool noAdvice = false)
    {
        ArgumentNullException.ThrowIfNull(withheld);
        var list = problems.ToList();
        var fields = list.Where(p => p.Blocking).Select(p => p.Field).Distinct(StringComparer.Ordinal).ToList();
        var writer = new CardDetailWriter();
        if (noAdvice)
        {
            writer.Paragraph("**No lenalidomide advice was given**: the record lacks data the label's rules need. Record the items below (or send them in the prefetch) and sign again; until then check dose, holds, thromboprophylaxis and REMS by hand.");
        }
        else
        {
            writer.Paragraph("**Some lenalidomide advice was not given**: the record lacks data it rests on. The other cards stand; for what is listed here, check by hand until the record is complete.");
            foreach (var card in withheld)
            {
                var why = string.Join("; ", card.Because.Select(p => $"`{p.Field}`: {MarkdownText.Escape(p.Message)}").Distinct(StringComparer.Ordinal));
                writer.Paragraph($"**No {CardConcerns.Display(card.Concern).ToLowerInvariant()} advice** — {why}");
            }
        }

        var summary = noAdvice || withheld.Count == 0
            ? "Lenalidomide advice unavailable; record: " + string.Join(", ", fields)
            : "No " + string.Join(", no ", withheld.Select(w => CardConcerns.Display(w.Concern).ToLowerInvariant())) + " advice; record: " + string.Join(", ", withheld.SelectMany(w => w.Because).Select(p => p.Field).Distinct(StringComparer.Ordinal));
        return new Card
        {
            Uuid = CardUuid.For(patientId, draftReference, CardConcerns.Code(CardConcern.MissingData)),
            Summary = MarkdownText.Limit(summary, 139),
            Detail = writer.NotAssessed(list).RuleSet(ruleSetVersion).ToString(),
            Indicator = CardIndicator.Warning,
            Source = CardSources.For(CardConcern.MissingData, ruleSetVersion),
        };
    }
}
