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
        var plan = MonitoringPlanner.Plan(context);
        var parts = Parts(context, dosing: true, vte: true, contraindications: true);
        var findings = new FindingList();
        findings.AddRange(parts.Findings);
        findings.AddRange(plan.Findings);
        return new AssessmentResponse
        {
            RuleSetVersion = context.Rules.Version,
            Indication = context.Snapshot.Indication,
            Derived = context.Derived,
            Findings = findings.ToList(),
            Dose = parts.Dose!,
            Checks = plan.Checks,
            Rules = plan.Rules,
            Prophylaxis = parts.Prophylaxis!,
            Status = parts.Status!.Value,
        };
    }

    /// <summary>
    /// Dosing, prophylaxis and contraindications of one validated context, only the parts asked for: the assessment
    /// asks for all, a consumer that could validate only some concerns (CDS Hooks on an incomplete record) for those.
    /// </summary>
    public static AdviceParts Parts(PatientContext context, bool dosing, bool vte, bool contraindications)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dose = dosing ? DosingEvaluator.Evaluate(context) : null;
        var prophylaxis = vte ? VteProphylaxisEvaluator.Evaluate(context) : null;
        var status = contraindications ? ContraindicationEvaluator.Evaluate(context, dose) : null;

        // One finding per code across concerns: the more severe wording, every citation, every origin.
        var findings = new FindingList();
        findings.AddRange(status?.Findings ?? []);
        findings.AddRange(dose?.Findings ?? []);
        findings.AddRange(prophylaxis?.Findings ?? []);
        return new AdviceParts
        {
            Context = context,
            Dose = dose?.Dose,
            Prophylaxis = prophylaxis?.Prophylaxis,
            Status = status?.Status,
            Findings = findings.ToList(),
        };
    }
}
