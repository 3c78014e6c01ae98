using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contraindications;

/// <summary>The patient facts behind <see cref="ContraindicationCondition"/>: the logic of the rule data's conditions.</summary>
public static class ContraindicationConditions
{
    /// <summary>Whether <paramref name="rule"/> applies to this patient (its indications and its condition).</summary>
    public static bool Apply(ContraindicationRule rule, PatientSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(snapshot);
        return (rule.Indications is null || rule.Indications.Contains(snapshot.Indication)) && Holds(rule.When, snapshot);
    }

    private static bool Holds(ContraindicationCondition condition, PatientSnapshot snapshot) => condition switch
    {
        ContraindicationCondition.Always => true,
        ContraindicationCondition.Pregnant => snapshot.Pregnant || PositivePregnancyTest(snapshot),
        ContraindicationCondition.LenalidomideHypersensitivity => snapshot.History.LenalidomideHypersensitivity,
        ContraindicationCondition.SevereSkinReactionToThalidomide => snapshot.History.SevereSkinReactionToThalidomide,
        ContraindicationCondition.Monosomy7 => snapshot.Cytogenetics.Monosomy7,
        ContraindicationCondition.TakesPembrolizumab => snapshot.Takes(ConcomitantMedication.Pembrolizumab),
        ContraindicationCondition.Breastfeeding => snapshot.Breastfeeding,
        ContraindicationCondition.Tp53Mutation => snapshot.Cytogenetics.Tp53Mutation,
        ContraindicationCondition.FemaleOfReproductivePotential => snapshot.IsFemaleOfReproductivePotential,
        ContraindicationCondition.Male => snapshot.Sex == Sex.Male,
        ContraindicationCondition.TakesDigoxin => snapshot.Takes(ConcomitantMedication.Digoxin),
        ContraindicationCondition.TakesWarfarin => snapshot.Takes(ConcomitantMedication.Warfarin),
        ContraindicationCondition.TakesThrombogenicCoMedication => snapshot.Takes(ConcomitantMedication.ErythropoiesisStimulatingAgent) || snapshot.Takes(ConcomitantMedication.EstrogenContainingTherapy) || snapshot.Takes(ConcomitantMedication.CombinedHormonalContraceptive),
        ContraindicationCondition.TransplantCandidate => snapshot.Therapy.TransplantCandidate,
        ContraindicationCondition.Melphalan => snapshot.Regimen.Melphalan,
        ContraindicationCondition.TakesStatin => snapshot.Takes(ConcomitantMedication.Statin),
        ContraindicationCondition.TakesCombinedHormonalContraceptive => snapshot.Takes(ConcomitantMedication.CombinedHormonalContraceptive),
        ContraindicationCondition.Starting => snapshot.Therapy.Status == TherapyStatus.Starting,
        _ => throw new InvalidOperationException($"Unknown contraindication condition {condition}."),
    };

    /// <summary>A positive hCG result not followed by a later negative one is a pregnancy until shown otherwise (a tie counts as positive).</summary>
    public static bool PositivePregnancyTest(PatientSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var newestNegative = snapshot.PregnancyTests.Where(t => t.Result == PregnancyTestResult.Negative).Select(t => (DateOnly?)t.TakenOn).Max();
        return snapshot.PregnancyTests.Any(t => t.Result == PregnancyTestResult.Positive && (newestNegative is null || t.TakenOn >= newestNegative));
    }
}
