using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contraindications;

/// <summary>
/// Contraindications, holds, warnings and REMS duties (CLINICAL.md §7). The status is the most
/// severe of the findings; <c>clear</c> only when none is above info.
/// </summary>
public static class ContraindicationEvaluator
{
    /// <summary>Dosing findings that mean "do not dose now": they make the status <c>hold</c>.</summary>
    private static readonly HashSet<string> HoldCodes = new(StringComparer.Ordinal)
    {
        DosingEvaluator.AncHoldCode,
        DosingEvaluator.PlateletHoldCode,
        "maintenanceStartCriteria",
        "otherDoseLimitingToxicity",
    };

    public static ContraindicationResult Evaluate(PatientContext context) =>
        Evaluate(context, context?.Snapshot.Labs is null ? null : DosingEvaluator.Evaluate(context));

    /// <param name="dosing">The dosing result for the same context, when labs were sent (its holds are holds here).</param>
    public static ContraindicationResult Evaluate(PatientContext context, DosingResult? dosing)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new FindingList();
        var status = ContraindicationStatus.Clear;

        void Raise(ContraindicationStatus candidate)
        {
            if (candidate > status)
            {
                status = candidate;
            }
        }

        foreach (var rule in context.Rules.Contraindications)
        {
            if ((rule.Indications is null || rule.Indications.Contains(context.Snapshot.Indication)) && Holds(rule.When, context.Snapshot))
            {
                findings.Add(rule.Finding.ToFinding());
                Raise(rule.Status);
            }
        }

        if (dosing is not null)
        {
            foreach (var finding in dosing.Findings.Where(f => HoldCodes.Contains(f.Code) && f.Severity == Severity.Critical))
            {
                findings.Add(finding);
                Raise(ContraindicationStatus.Hold);
            }
        }

        if (context.RenalRule is { } renal)
        {
            findings.Add("renalDoseAdjustment", Severity.Warning, DosingEvaluator.RenalMessage(context, renal), renal.Citations);
            Raise(renal.NotRecommended ? ContraindicationStatus.Contraindicated : ContraindicationStatus.Caution);
        }

        var list = findings.ToList();
        if (status == ContraindicationStatus.Clear && list.Any(f => f.Severity > Severity.Info))
        {
            status = ContraindicationStatus.Caution;
        }

        return new ContraindicationResult(status, list);
    }

    private static bool Holds(ContraindicationCondition condition, PatientSnapshot snapshot) => condition switch
    {
        ContraindicationCondition.Always => true,
        ContraindicationCondition.Pregnant => snapshot.Pregnant,
        ContraindicationCondition.LenalidomideHypersensitivity => snapshot.History.LenalidomideHypersensitivity,
        ContraindicationCondition.SevereSkinReactionToThalidomide => snapshot.History.SevereSkinReactionToThalidomide,
        ContraindicationCondition.Monosomy7 => snapshot.Cytogenetics.Monosomy7,
        ContraindicationCondition.TakesPembrolizumab => snapshot.Takes(ConcomitantMedication.Pembrolizumab),
        ContraindicationCondition.Breastfeeding => snapshot.Breastfeeding,
        ContraindicationCondition.Tp53Mutation => snapshot.Cytogenetics.Tp53Mutation,
        ContraindicationCondition.FemaleOfReproductivePotential => snapshot.Sex == Sex.Female && snapshot.FemaleOfReproductivePotential,
        ContraindicationCondition.Male => snapshot.Sex == Sex.Male,
        ContraindicationCondition.TakesDigoxin => snapshot.Takes(ConcomitantMedication.Digoxin),
        ContraindicationCondition.TakesWarfarin => snapshot.Takes(ConcomitantMedication.Warfarin),
        ContraindicationCondition.TakesThrombogenicCoMedication => snapshot.Takes(ConcomitantMedication.ErythropoiesisStimulatingAgent) || snapshot.Takes(ConcomitantMedication.EstrogenContainingTherapy),
        ContraindicationCondition.TransplantCandidate => snapshot.Therapy.TransplantCandidate,
        ContraindicationCondition.Melphalan => snapshot.Regimen.Melphalan,
        _ => throw new InvalidOperationException($"Unknown contraindication condition {condition}."),
    };
}
