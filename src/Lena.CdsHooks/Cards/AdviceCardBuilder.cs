using System.Globalization;
using Lena.Clinical.Contract;
using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Vte;
using Lena.CdsHooks.Service;
using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// Turns one assessment (the same answer <c>POST /api/assessments</c> gives for the mapped
/// snapshot) into cards: dose or hold, thromboprophylaxis, contraindications, REMS. Every finding
/// of the assessment lands on exactly one card, so the cards carry the whole advice.
/// </summary>
public static class AdviceCardBuilder
{
    public static IReadOnlyList<Card> Build(CardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var byConcern = input.Advice.Findings
            .GroupBy(FindingRouting.CardFor)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Finding>)g.ToList());
        IReadOnlyList<Finding> FindingsOf(CardConcern concern) => byConcern.TryGetValue(concern, out var list) ? list : [];

        var cards = new List<Card>();
        if (input.Advice.Dose is { } dose)
        {
            var doseFindings = FindingsOf(CardConcern.Dose).Concat(FindingsOf(CardConcern.Hold)).ToList();
            cards.Add(dose.Action is DoseAction.Interrupt or DoseAction.Defer or DoseAction.NotRecommended
                ? HoldCard(input, dose, doseFindings)
                : DoseCard(input, dose, doseFindings));
        }

        if (input.Advice.Prophylaxis is { } prophylaxis)
        {
            cards.Add(VteCard(input, prophylaxis, FindingsOf(CardConcern.Vte)));
        }

        if (input.Advice.Status is { } status && ContraindicationsCard(input, status, FindingsOf(CardConcern.Contraindications)) is { } contraindications)
        {
            cards.Add(contraindications);
        }

        if (FindingsOf(CardConcern.Rems) is { Count: > 0 } rems)
        {
            cards.Add(RemsCard(input, rems));
        }

        return cards;
    }

    private static Card DoseCard(CardInput input, DoseRecommendation dose, IReadOnlyList<Finding> findings)
    {
        var recommended = DoseText.Of(dose);
        var ordered = input.Mapping.DraftDose;
        var differs = ordered is not null && dose.DoseMg is { } mg && DoseDiffers(ordered, mg, dose);
        var verb = LenaJson.WireName(dose.Action);
        var summary = differs
            ? $"Lenalidomide: {verb} {DoseText.Mg(dose.DoseMg!.Value)} {DoseText.Frequency(dose.Frequency)}, not the {DoseText.Mg(ordered!.DoseMg)} ordered"
            : $"Lenalidomide: {verb} {recommended}";

        var indicator = findings.Select(f => CardIndicators.From(f.Severity)).DefaultIfEmpty(CardIndicator.Info).Max();
        if (differs)
        {
            indicator = CardIndicators.Max(indicator, CardIndicator.Warning);
        }

        var advice = $"**Recommended:** {verb} {MarkdownText.Escape(recommended)} (dose level {dose.DoseLevel?.ToString(CultureInfo.InvariantCulture) ?? "—"}) for {LenaJson.WireName(input.Advice.Context.Snapshot.Indication)}.";
        if (ordered is not null)
        {
            advice += $" **Ordered:** {DoseText.Mg(ordered.DoseMg)} {ordered.Frequency ?? "(frequency not given)"} ({MarkdownText.Escape(ordered.Resource)}).";
        }

        var detail = Detail(input, CardConcern.Dose, advice, findings);
        var update = differs && input.DraftOrderJson is not null ? DoseUpdate.Suggestion(input, dose) : null;
        Suggestion[]? suggestions = update is null ? null : [update];
        if (differs && update is null)
        {
            detail += "\n\nNo one-click change is offered: the order's product could not be switched to the recommended strength here; change it by hand.";
        }

        return Card(input, CardConcern.Dose, summary, indicator, detail, suggestions, "at-most-one");
    }

    private static bool DoseDiffers(OrderedDose ordered, double recommendedMg, DoseRecommendation dose) =>
        Math.Abs(ordered.DoseMg - recommendedMg) > 1e-9
        || (ordered.Frequency is not null && dose.Frequency is { } frequency && ordered.Frequency != LenaJson.WireName(frequency));

    private static Card HoldCard(CardInput input, DoseRecommendation dose, IReadOnlyList<Finding> findings)
    {
        var summary = dose.Action switch
        {
            DoseAction.Interrupt => $"Hold lenalidomide: {DoseText.Resume(dose)}",
            DoseAction.Defer => $"Do not start lenalidomide yet: {DoseText.Resume(dose)}",
            _ => "Lenalidomide is not recommended for this patient",
        };
        var advice = $"**Recommended:** {LenaJson.WireName(dose.Action)} — {MarkdownText.Escape(DoseText.Resume(dose))}.";
        var detail = Detail(input, CardConcern.Hold, advice, findings);
        var suggestions = input.DraftOrderJson is null
            ? null
            : new[]
            {
                new Suggestion
                {
                    Label = "Do not sign this lenalidomide order now",
                    Uuid = CardUuid.For(input.PatientId, input.DraftOrderReference, "hold", "delete-draft"),
                    IsRecommended = true,
                    Actions =
                    [
                        new SuggestionAction
                        {
                            Type = "delete",
                            Description = MarkdownText.Limit($"Remove the draft order: {DoseText.Resume(dose)}.", 200),
                            ResourceId = [input.DraftOrderReference],
                        },
                    ],
                },
            };
        return Card(input, CardConcern.Hold, summary, CardIndicator.Critical, detail, suggestions, "at-most-one");
    }

    private static Card VteCard(CardInput input, ProphylaxisAdvice advice, IReadOnlyList<Finding> findings)
    {
        var what = advice.Recommendation switch
        {
            ProphylaxisRecommendation.Aspirin when advice.AspirinDoseMg is { } range => string.Create(CultureInfo.InvariantCulture, $"aspirin {range.Min:0.#}–{range.Max:0.#} mg once daily"),
            ProphylaxisRecommendation.LmwhOrWarfarin when advice.Lmwh is { } lmwh => $"{lmwh.Agent} {DoseText.Mg(lmwh.DoseMg)} {DoseText.Frequency(lmwh.Frequency)} or warfarin (INR {advice.WarfarinInrTarget?.Min:0.#}–{advice.WarfarinInrTarget?.Max:0.#})",
            ProphylaxisRecommendation.ExistingAnticoagulation => "the current anticoagulant covers it; add no aspirin",
            ProphylaxisRecommendation.NotApplicable => "none (lenalidomide is not to be given)",
            _ => "LMWH or warfarin",
        };
        var unrecognised = UnrecognisedMedications(input);
        var factors = advice.RiskFactors.Count == 0
            ? (unrecognised.Count == 0 ? "no risk factors counted" : "no risk factor counted from what could be read")
            : $"{advice.IndividualRiskFactorCount} individual risk factor(s): {string.Join(", ", advice.RiskFactors.Select(LenaJson.WireName))}";

        // A medication the service could not read may be an anticoagulant, an estrogen or an ESA: the advice is then
        // never presented as complete, and the medications are named.
        var incomplete = unrecognised.Count == 0
            ? string.Empty
            : $" **Incomplete:** {unrecognised.Count} active medication(s) not recognised ({string.Join(", ", unrecognised)}); check whether any is an anticoagulant, aspirin, an estrogen or an ESA before following this advice.";
        var summary = unrecognised.Count == 0
            ? $"Thromboprophylaxis with lenalidomide: {what}"
            : $"Thromboprophylaxis (incomplete: {unrecognised.Count} unrecognised medication(s)): {what}";
        var detail = Detail(input, CardConcern.Vte, $"**Recommended:** {MarkdownText.Escape(what)} — {MarkdownText.Escape(factors)}.{incomplete}", findings);
        var indicator = findings.Select(f => CardIndicators.From(f.Severity)).DefaultIfEmpty(CardIndicator.Warning).Max();
        if (unrecognised.Count > 0)
        {
            indicator = CardIndicators.Max(indicator, CardIndicator.Warning);
        }

        return Card(input, CardConcern.Vte, summary, indicator, detail, null, null);
    }

    /// <summary>The active medications the FHIR mapping could not read (each named by its resource).</summary>
    private static List<string> UnrecognisedMedications(CardInput input) =>
        input.Mapping.Problems.Where(p => !p.Blocking && p.Field == "concomitantMedications" && p.Resource is not null)
            .Select(p => p.Resource!).Distinct(StringComparer.Ordinal).ToList();

    private static Card? ContraindicationsCard(CardInput input, ContraindicationStatus status, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return null;
        }

        var serious = findings.Where(f => f.Severity != Severity.Info).Select(f => f.Code).ToList();
        var summary = status switch
        {
            ContraindicationStatus.Contraindicated => "Lenalidomide is contraindicated: " + string.Join(", ", findings.Where(f => f.Severity == Severity.Critical).Select(f => f.Code)),
            ContraindicationStatus.Hold => "Hold lenalidomide: " + string.Join(", ", serious),
            _ when serious.Count > 0 => $"Lenalidomide warnings ({serious.Count}): " + string.Join(", ", serious),
            _ => $"Lenalidomide safety notes ({findings.Count})",
        };
        var indicator = status is ContraindicationStatus.Contraindicated or ContraindicationStatus.Hold
            ? CardIndicator.Critical
            : findings.Select(f => CardIndicators.From(f.Severity)).Max();
        var unrecognised = UnrecognisedMedications(input);
        var interactions = unrecognised.Count == 0
            ? string.Empty
            : $" Interactions were checked only for the medications that could be read; not recognised: {string.Join(", ", unrecognised)}.";
        var detail = Detail(input, CardConcern.Contraindications, $"**Status:** {LenaJson.WireName(status)}.{MarkdownText.Escape(interactions)}", findings);
        return Card(input, CardConcern.Contraindications, summary, indicator, detail, null, null);
    }

    private static Card RemsCard(CardInput input, IReadOnlyList<Finding> findings)
    {
        var summary = $"Lenalidomide REMS: {findings.Count} duties apply ({string.Join(", ", findings.Select(f => f.Code))})";
        var indicator = findings.Select(f => CardIndicators.From(f.Severity)).Max();
        var detail = Detail(input, CardConcern.Rems, "**REMS duties** for this patient; the prescriber, patient and pharmacy must be certified/enrolled.", findings);
        return Card(input, CardConcern.Rems, summary, indicator, detail, null, null);
    }

    private static string Detail(CardInput input, CardConcern concern, string advice, IReadOnlyList<Finding> findings)
    {
        bool Relevant(string field) => CardConcerns.Covers(concern, field);
        bool Unclaimed(string field) => concern is CardConcern.Dose or CardConcern.Hold && !CardConcerns.AnyCovers(field);
        var writer = new CardDetailWriter()
            .Paragraph(advice)
            .Inputs(input.Mapping.Used.Where(u => Relevant(u.Field)));
        if (concern is CardConcern.Dose or CardConcern.Hold or CardConcern.Vte)
        {
            writer.Renal(input.Advice.Context.Derived);
        }

        return writer
            .Findings(findings)
            .NotAssessed(input.Mapping.Problems.Where(p => !p.Blocking && (Relevant(p.Field) || Unclaimed(p.Field))))
            .RuleSet(input.RuleSetVersion)
            .ToString();
    }

    private static Card Card(CardInput input, CardConcern concern, string summary, CardIndicator indicator, string detail, IReadOnlyList<Suggestion>? suggestions, string? selectionBehavior)
    {
        return new Card
        {
            // Same patient, same draft order and same concern → same uuid; the advice itself is in the card, so an EHR replaces the older one.
            Uuid = CardUuid.For(input.PatientId, input.DraftOrderReference, CardConcerns.Code(concern)),
            Summary = MarkdownText.Limit(summary, 139),
            Detail = detail,
            Indicator = indicator,
            Source = CardSources.For(concern, input.RuleSetVersion),
            Suggestions = suggestions is { Count: > 0 } ? suggestions : null,
            SelectionBehavior = suggestions is { Count: > 0 } ? selectionBehavior : null,
        };
    }
}
