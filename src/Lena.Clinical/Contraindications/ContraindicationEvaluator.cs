using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Contraindications;

/// <summary>
/// Contraindications, holds, warnings and REMS duties (CLINICAL.md §7). The status is the most
/// severe of the findings; <c>clear</c> only when none is above info. It agrees with the dose by
/// construction: <c>contraindicated</c> exactly when <see cref="DoseGate"/> closes (dose
/// <c>notRecommended</c>), at least <c>hold</c> whenever the dose is interrupted or deferred.
/// </summary>
public static class ContraindicationEvaluator
{
    public static ContraindicationResult Evaluate(PatientContext context) =>
        Evaluate(context, context?.Snapshot.Labs is null ? null : DosingEvaluator.Evaluate(context));

    /// <param name="dosing">The dosing result for the same context, when labs were sent (its holds are holds here).</param>
    public static ContraindicationResult Evaluate(PatientContext context, DosingResult? dosing)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new FindingList(FindingOrigins.Contraindications);
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
            if (ContraindicationConditions.Apply(rule, context.Snapshot))
            {
                var finding = rule.Finding.ToFinding();
                findings.Add(rule.Topic == ContraindicationTopic.Rems ? finding with { Origins = FindingOrigins.Rems } : finding);
                Raise(rule.Status);
            }
        }

        if (context.RenalRule is { } renal)
        {
            findings.Add("renalDoseAdjustment", Severity.Warning, DosingEvaluator.RenalMessage(context, renal), renal.Citations);
            Raise(renal.NotRecommended ? ContraindicationStatus.Contraindicated : ContraindicationStatus.Caution);
        }

        foreach (var finding in context.RenalFindings)
        {
            findings.Add(finding);
        }

        var pregnancyTests = PregnancyTesting.Evaluate(context);
        if (pregnancyTests.Finding is { } tests)
        {
            findings.Add(tests);
            if (pregnancyTests.BlocksStart)
            {
                Raise(ContraindicationStatus.Hold);
            }
        }

        foreach (var held in new[] { LiverTestsCheck.Elevated(context), MaximumCycles.Reached(context) })
        {
            if (held is not null)
            {
                findings.Add(held);
                Raise(ContraindicationStatus.Hold);
            }
        }

        foreach (var warning in new[] { LiverTestsCheck.Due(context), EsaHemoglobinCheck.Evaluate(context) })
        {
            if (warning is not null)
            {
                findings.Add(warning);
            }
        }

        if (dosing is not null && dosing.Dose.Action is DoseAction.Interrupt or DoseAction.Defer or DoseAction.NotRecommended)
        {
            // Whatever stops today's dose is a hold here too, with the dosing findings that say why.
            foreach (var finding in dosing.Findings.Where(f => f.Severity > Severity.Info))
            {
                findings.Add(finding);
            }

            Raise(ContraindicationStatus.Hold);
        }

        var list = findings.ToList();
        if (status == ContraindicationStatus.Clear && list.Any(f => f.Severity > Severity.Info))
        {
            status = ContraindicationStatus.Caution;
        }

        return new ContraindicationResult(status, list);
    }
}
