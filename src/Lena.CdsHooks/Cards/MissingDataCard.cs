using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// The card shown instead of advice when the record cannot give what the rules need (a
/// female's reproductive potential, an ambiguous indication, an unknown unit): what is missing
/// and how to record it. The service never guesses its way past it.
/// </summary>
public static class MissingDataCard
{
    public static Card Build(string patientId, string draftReference, IEnumerable<FhirMappingProblem> problems, string ruleSetVersion)
    {
        var list = problems.ToList();
        var fields = list.Where(p => p.Blocking).Select(p => p.Field).Distinct(StringComparer.Ordinal).ToList();
        var detail = new CardDetailWriter()
            .Paragraph("**No lenalidomide advice was given**: the record lacks data the label's rules need. Record the items below (or send them in the prefetch) and sign again; until then check dose, holds, thromboprophylaxis and REMS by hand.")
            .NotAssessed(list)
            .RuleSet(ruleSetVersion)
            .ToString();
        return new Card
        {
            Uuid = CardUuid.For(patientId, draftReference, CardConcerns.Code(CardConcern.MissingData)),
            Summary = MarkdownText.Limit("Lenalidomide advice unavailable; record: " + string.Join(", ", fields), 139),
            Detail = detail,
            Indicator = CardIndicator.Warning,
            Source = CardSources.For(CardConcern.MissingData, ruleSetVersion),
        };
    }
}
