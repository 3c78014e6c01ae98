using Lena.Clinical.Contraindications;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Findings;
using Lena.Clinical.Monitoring;
using Lena.Clinical.Vte;

namespace Lena.Clinical.Assessment;

/// <summary>Runs the evaluator of a concern on a validated context and builds its response.</summary>
public static class ClinicalEvaluator
{
    public static EvaluationResponse Evaluate(Concern concern, PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return concern switch
        {
            Concern.Dosing => Dosing(context),
            Concern.MonitoringSchedule => Monitoring(context),
            Concern.VteProphylaxis => Vte(context),
            Concern.Contraindications => Contraindications(context),
            Concern.Assessment => Assessment(context),
            _ => throw new ArgumentOutOfRangeException(nameof(concern), concern, "Unknown concern."),
        };
    }

    private static DosingResponse Dosing(PatientContext context)
    {
        var result = DosingEvaluator.Evaluate(context);
        return new DosingResponse { RuleSetVersion = context.Rules.Version, Indication = context.Snapshot.Indication, Derived = context.Derived, Findings = result.Findings, Dose = result.Dose };
    }

    private static MonitoringScheduleResponse Monitoring(PatientContext context)
    {
        var plan = MonitoringPlanner.Plan(context);
        return new MonitoringScheduleResponse { RuleSetVersion = context.Rules.Version, Indication = context.Snapshot.Indication, Derived = context.Derived, Findings = plan.Findings, Checks = plan.Checks, Rules = plan.Rules };
    }

    private static VteProphylaxisResponse Vte(PatientContext context)
    {
        var result = VteProphylaxisEvaluator.Evaluate(context);
        return new VteProphylaxisResponse { RuleSetVersion = context.Rules.Version, Indication = context.Snapshot.Indication, Derived = context.Derived, Findings = result.Findings, Prophylaxis = result.Prophylaxis };
    }

    private static ContraindicationsResponse Contraindications(PatientContext context)
    {
        var result = ContraindicationEvaluator.Evaluate(context);
        return new ContraindicationsResponse { RuleSetVersion = context.Rules.Version, Indication = context.Snapshot.Indication, Derived = context.Derived, Findings = result.Findings, Status = result.Status };
    }

    private static AssessmentResponse Assessment(PatientContext context)
    {
        var dosing = DosingEvaluator.Evaluate(context);
        var plan = MonitoringPlanner.Plan(context);
        var vte = VteProphylaxisEvaluator.Evaluate(context);
        var contraindications = ContraindicationEvaluator.Evaluate(context, dosing);

        // One finding per code across concerns: the more severe wording, every citation.
        var findings = new FindingList();
        findings.AddRange(contraindications.Findings);
        findings.AddRange(dosing.Findings);
        findings.AddRange(vte.Findings);
        findings.AddRange(plan.Findings);
        return new AssessmentResponse
        {
            RuleSetVersion = context.Rules.Version,
            Indication = context.Snapshot.Indication,
            Derived = context.Derived,
            Findings = findings.ToList(),
            Dose = dosing.Dose,
            Checks = plan.Checks,
            Rules = plan.Rules,
            Prophylaxis = vte.Prophylaxis,
            Status = contraindications.Status,
        };
    }
}
