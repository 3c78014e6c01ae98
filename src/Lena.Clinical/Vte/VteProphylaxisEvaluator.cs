using Lena.Clinical.Contraindications;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Vte;

/// <summary>
/// IMWG risk-adapted thromboprophylaxis (CLINICAL.md §6): any therapy-related factor or two or
/// more individual / myeloma-related factors → LMWH or warfarin; otherwise aspirin.
/// </summary>
public static class VteProphylaxisEvaluator
{
    public static VteResult Evaluate(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.Vte;
        var present = PresentFactors(context, rules);

        var individual = present.Where(f => rules.IndividualFactors.Contains(f) || rules.MyelomaFactors.Contains(f)).ToList();
        var therapyRelated = present.Any(rules.TherapyFactors.Contains);
        var anticoagulant = therapyRelated || individual.Count >= rules.LmwhWhenIndividualFactorsAtLeast;

        var findings = new FindingList(FindingOrigins.VteProphylaxis);
        IReadOnlyList<Finding> closing = [.. DoseGate.Closing(context), .. MaximumCycles.Reached(context) is { } maximum ? [maximum] : Array.Empty<Finding>()];
        if (closing.Count > 0)
        {
            // No lenalidomide, no lenalidomide-associated thrombosis to prevent: say why, advise nothing.
            findings.AddRange(closing);
            return new VteResult(
                new ProphylaxisAdvice
                {
                    Recommendation = ProphylaxisRecommendation.NotApplicable,
                    RiskFactors = present,
                    IndividualRiskFactorCount = individual.Count,
                    TherapyRelatedRisk = therapyRelated,
                },
                findings.ToList());
        }

        foreach (var finding in context.RenalFindings)
        {
            findings.Add(finding);
        }

        var crCl = context.CreatinineClearance;
        var onDialysis = context.Snapshot.Renal?.OnDialysis == true;

        var severeRenal = onDialysis || crCl < rules.LmwhSevereRenalAdjustment.Below;

        var existing = context.Snapshot.ConcomitantMedications.Where(IsAnticoagulant).ToList();

        // LMWH is in play when it is advised or already taken; a patient covered by warfarin or a DOAC gets no LMWH advice.
        var lmwhInPlay = (anticoagulant && existing.Count == 0) || context.Snapshot.Takes(ConcomitantMedication.LowMolecularWeightHeparin);
        ProphylaxisAdvice advice;
        if (existing.Count > 0)
        {
            // Therapeutic anticoagulation already meets the strongest IMWG option; aspirin on top adds bleeding, not protection.
            findings.Add(rules.ExistingAnticoagulation.ToFinding(
                $"{rules.ExistingAnticoagulation.Message} Current: {string.Join(", ", existing.Select(Contract.LenaJson.WireName))}."));
            advice = new ProphylaxisAdvice
            {
                Recommendation = ProphylaxisRecommendation.ExistingAnticoagulation,
                RiskFactors = present,
                IndividualRiskFactorCount = individual.Count,
                TherapyRelatedRisk = therapyRelated,
            };
        }
        else if (anticoagulant)
        {
            var chosen = rules.LmwhOrWarfarin;
            var why = therapyRelated
                ? "a therapy-related risk factor is present"
                : $"{individual.Count} individual or myeloma-related risk factors are present";
            findings.Add(chosen.Finding.ToFinding($"{chosen.Finding.Message} Reason: {why}."));
            var lmwhDose = severeRenal && rules.LmwhSevereRenalAdjustment.AdjustedDoseMg is { } adjusted ? adjusted : chosen.LmwhDoseMg;
            advice = new ProphylaxisAdvice
            {
                Recommendation = ProphylaxisRecommendation.LmwhOrWarfarin,
                RiskFactors = present,
                IndividualRiskFactorCount = individual.Count,
                TherapyRelatedRisk = therapyRelated,
                Lmwh = new LmwhDose(chosen.LmwhAgent, lmwhDose, DoseFrequency.Daily),
                WarfarinInrTarget = new DoseRange(chosen.WarfarinInrMin, chosen.WarfarinInrMax),
            };
        }
        else
        {
            findings.Add(rules.Aspirin.Finding.ToFinding());
            advice = new ProphylaxisAdvice
            {
                Recommendation = ProphylaxisRecommendation.Aspirin,
                AspirinDoseMg = new DoseRange(rules.Aspirin.MinDoseMg, rules.Aspirin.MaxDoseMg),
                RiskFactors = present,
                IndividualRiskFactorCount = individual.Count,
                TherapyRelatedRisk = false,
            };
        }

        if (lmwhInPlay && severeRenal)
        {
            findings.Add(rules.LmwhSevereRenalAdjustment.Finding.ToFinding());
        }
        else if (lmwhInPlay && crCl < rules.LmwhRenalCaution.Below)
        {
            findings.Add(rules.LmwhRenalCaution.Finding.ToFinding());
        }

        if (context.Snapshot.Labs?.PlateletsPerMicroliter < rules.LowPlatelets.Below)
        {
            findings.Add(rules.LowPlatelets.Finding.ToFinding());
        }

        if (context.Snapshot.Takes(ConcomitantMedication.Warfarin))
        {
            findings.Add(rules.WarfarinInrMonitoring.ToFinding());
        }

        return new VteResult(advice, findings.ToList());
    }

    private static bool IsAnticoagulant(ConcomitantMedication medication) =>
        medication is ConcomitantMedication.Warfarin or ConcomitantMedication.DirectOralAnticoagulant or ConcomitantMedication.LowMolecularWeightHeparin;

    /// <summary>Every counted factor once, in a stable order.</summary>
    private static List<VteRiskFactor> PresentFactors(PatientContext context, VteRules rules)
    {
        var snapshot = context.Snapshot;
        var present = new HashSet<VteRiskFactor>(snapshot.VteRiskFactors.Where(f => rules.IndividualFactors.Contains(f)));
        if (context.Derived.BodyMassIndexKgPerM2 >= rules.ObesityBmiAtLeast)
        {
            present.Add(VteRiskFactor.Obesity);
        }

        if (rules.MyelomaIndications.Contains(snapshot.Indication))
        {
            present.UnionWith(snapshot.VteRiskFactors.Where(f => rules.MyelomaFactors.Contains(f)));
        }

        AddIf(present, snapshot.Takes(ConcomitantMedication.ErythropoiesisStimulatingAgent), VteRiskFactor.ErythropoiesisStimulatingAgent);
        // A combined hormonal contraceptive contains an estrogen: it counts as estrogen-containing therapy (the conservative reading).
        AddIf(present, snapshot.Takes(ConcomitantMedication.EstrogenContainingTherapy) || snapshot.Takes(ConcomitantMedication.CombinedHormonalContraceptive), VteRiskFactor.EstrogenContainingTherapy);
        AddIf(present, snapshot.Regimen.Dexamethasone == DexamethasoneDose.HighDose, VteRiskFactor.HighDoseDexamethasone);
        AddIf(present, snapshot.Regimen.Doxorubicin, VteRiskFactor.Doxorubicin);
        AddIf(present, snapshot.Regimen.MultiagentChemotherapy, VteRiskFactor.MultiagentChemotherapy);

        // Only factors the rule set counts are reported, so a pharmacist can drop one by data alone.
        var counted = rules.IndividualFactors.Concat(rules.MyelomaFactors).Concat(rules.TherapyFactors).ToHashSet();
        return present.Where(counted.Contains).Order().ToList();
    }

    private static void AddIf(HashSet<VteRiskFactor> set, bool condition, VteRiskFactor factor)
    {
        if (condition)
        {
            set.Add(factor);
        }
    }
}
