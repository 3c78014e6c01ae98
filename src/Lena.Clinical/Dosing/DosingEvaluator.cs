using Lena.Clinical.Contraindications;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

/// <summary>
/// Starting dose, renal adjustment, and hold / resume along the indication's ladder
/// (CLINICAL.md §1–4). A pure function of the patient context.
/// </summary>
public static class DosingEvaluator
{
    public const string AncHoldCode = "ancBelowHoldThreshold";
    public const string PlateletHoldCode = "plateletsBelowHoldThreshold";

    public static DosingResult Evaluate(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new FindingList(FindingOrigins.Dosing);
        foreach (var finding in context.RenalFindings)
        {
            findings.Add(finding);
        }

        var dose = Decide(context, findings);
        dose = OutdatedCounts.Apply(context, dose, findings);
        dose = BeforeTheFirstDose(context, dose, findings);
        if (LiverTestsCheck.Due(context) is { } liverDue)
        {
            findings.Add(liverDue);
        }

        AddNotes(context, dose, findings);
        return new DosingResult(dose, findings.ToList());
    }

    /// <summary>
    /// REMS: a female of reproductive potential gets her first dose only after both negative pregnancy tests; until then
    /// the start is deferred, and the finding says which test is due by when.
    /// </summary>
    private static DoseRecommendation BeforeTheFirstDose(PatientContext context, DoseRecommendation dose, FindingList findings)
    {
        if (dose.Action != DoseAction.Start || PregnancyTesting.Evaluate(context) is not { BlocksStart: true, Finding: { } required })
        {
            return dose;
        }

        findings.Add(required);
        return dose with { Action = DoseAction.Defer, DoseMg = null, ResumeWhen = null, ResumeDoseMg = dose.DoseMg };
    }

    private static DoseRecommendation Decide(PatientContext context, FindingList findings)
    {
        var snapshot = context.Snapshot;

        // The one safety gate: an absolute contraindication (or a renal band where the drug is not recommended)
        // means no dose, and the dosing answer carries the finding that says why.
        var closing = DoseGate.Closing(context);
        if (closing.Count > 0)
        {
            findings.AddRange(closing);
            return new DoseRecommendation { Action = DoseAction.NotRecommended };
        }

        if (MaximumCycles.Reached(context) is { } maximum)
        {
            findings.Add(maximum);
            return new DoseRecommendation { Action = DoseAction.NotRecommended };
        }

        foreach (var rule in context.Indication.NotRecommended)
        {
            if (rule.When == NotRecommendedCondition.Monosomy7 && snapshot.Cytogenetics.Monosomy7)
            {
                findings.Add(rule.Finding.ToFinding());
                return new DoseRecommendation { Action = DoseAction.NotRecommended };
            }
        }

        var navigator = new DoseLadderNavigator(context);
        return snapshot.Therapy.Status switch
        {
            TherapyStatus.Starting => Start(context, navigator, findings),
            TherapyStatus.OnTreatment => OnTreatment(context, navigator, findings),
            TherapyStatus.Interrupted => Interrupted(context, navigator, findings),
            _ => throw new InvalidOperationException("therapy.status is required for dosing; validation lets no snapshot without it through."),
        };
    }

    private static DoseRecommendation Start(PatientContext context, DoseLadderNavigator navigator, FindingList findings)
    {
        var start = navigator.Starting();
        var indication = context.Indication;
        findings.Add("startingDose", Severity.Info, $"Starting dose for {indication.DisplayName}: {indication.StartingDose.Description}", indication.StartingDose.Citations);
        AddRenalStartFinding(context, findings);

        var labs = context.Snapshot.Labs;
        int? ancNeeded = null;
        int? plateletsNeeded = null;
        if (indication.StartCriteria is { } criteria && labs is not null)
        {
            var anc = labs.AncPerMicroliter ?? 0;
            var platelets = labs.PlateletsPerMicroliter ?? 0;
            if (anc < criteria.AncAtLeastPerMicroliter || platelets < criteria.PlateletsAtLeastPerMicroliter)
            {
                ancNeeded = criteria.AncAtLeastPerMicroliter;
                plateletsNeeded = criteria.PlateletsAtLeastPerMicroliter;
                findings.Add(criteria.Code, Severity.Critical,
                    $"Start criteria not met (ANC {Text.Count(anc)}, platelets {Text.Count(platelets)}): do not start until ANC is at least {Text.Count(criteria.AncAtLeastPerMicroliter)} and platelets at least {Text.Count(criteria.PlateletsAtLeastPerMicroliter)}.",
                    criteria.Citations);
            }
        }

        if (labs is not null)
        {
            var baseline = (labs.BaselineAncPerMicroliter ?? labs.AncPerMicroliter, labs.BaselinePlateletsPerMicroliter ?? labs.PlateletsPerMicroliter);
            var holds = HoldRuleMatcher.Evaluate(context, start.DoseMg >= indication.StartingDose.DoseMg, 0, labs, baseline);
            AddHoldFindings(context, holds, findings, "Do not start");
            ancNeeded = Max(ancNeeded, Threshold(holds.Fired, Analyte.Anc));
            plateletsNeeded = Max(plateletsNeeded, Threshold(holds.Fired, Analyte.Platelets));
        }

        var liver = LiverTestsCheck.Elevated(context);
        if (liver is not null)
        {
            findings.Add(liver);
        }

        if (ancNeeded is not null || plateletsNeeded is not null || liver is not null)
        {
            return Held(DoseAction.Defer, start, new ResumeCriteria(ancNeeded, plateletsNeeded));
        }

        return Dosed(DoseAction.Start, start);
    }

    private static DoseRecommendation OnTreatment(PatientContext context, DoseLadderNavigator navigator, FindingList findings)
    {
        var therapy = context.Snapshot.Therapy;
        var current = navigator.Current(therapy.CurrentDoseMg!.Value, therapy.CurrentSchedule);
        var holds = EvaluateHolds(context, current);
        AddHoldFindings(context, holds, findings, "Interrupt lenalidomide");
        var liver = LiverTestsCheck.Elevated(context);

        if (holds.AnyFired || therapy.OtherDoseLimitingToxicity || liver is not null)
        {
            var held = HeldRules(holds);
            var steps = held.Select(r => ResumeStep(context, navigator, r.ResumeDose, r.ResumeDoseMg, current, holds, findings)).ToList();
            if (therapy.OtherDoseLimitingToxicity)
            {
                steps.Add(OtherToxicityStep(context, navigator, current, holds, findings));
            }

            if (liver is not null)
            {
                // "After return to baseline values, treatment at a lower dose may be considered": the resume dose is one step lower.
                findings.Add(liver);
                steps.Add(NextLowerOrFloor(context, navigator, current, findings));
            }

            var resume = Lowest(steps);
            return Held(DoseAction.Interrupt, resume, new ResumeCriteria(ResumeThreshold(held, Analyte.Anc), ResumeThreshold(held, Analyte.Platelets)));
        }

        var dose = Capped(context, navigator, current, findings);
        findings.Add("continueDose", Severity.Info,
            $"Counts meet no hold rule: continue {Text.Dose(dose.DoseMg, dose.Frequency, dose.Schedule, dose.Administration)}.",
            context.Indication.Ladder.Citations.Concat(holds.Applicable.SelectMany(r => r.Citations)).Distinct().ToArray());
        return Dosed(DoseAction.Continue, dose);
    }

    private static DoseRecommendation Interrupted(PatientContext context, DoseLadderNavigator navigator, FindingList findings)
    {
        var therapy = context.Snapshot.Therapy;
        var labs = context.Snapshot.Labs!;
        var current = navigator.Current(therapy.CurrentDoseMg!.Value, therapy.CurrentSchedule);
        var holds = EvaluateHolds(context, current);
        AddHoldFindings(context, holds, findings, "Keep lenalidomide interrupted");

        var held = HeldRules(holds);
        var steps = held.Select(r => ResumeStep(context, navigator, r.ResumeDose, r.ResumeDoseMg, current, holds, findings)).ToList();
        var stillHeld = holds.AnyFired;
        int? ancNeeded = ResumeThreshold(held, Analyte.Anc);
        int? plateletsNeeded = ResumeThreshold(held, Analyte.Platelets);

        if (therapy.InterruptedFor == InterruptionCause.OtherToxicity || therapy.OtherDoseLimitingToxicity)
        {
            steps.Add(OtherToxicityStep(context, navigator, current, holds, findings));
            stillHeld |= therapy.OtherDoseLimitingToxicity;
        }

        if (LiverTestsCheck.Elevated(context) is { } liver)
        {
            findings.Add(liver);
            steps.Add(NextLowerOrFloor(context, navigator, current, findings));
            stillHeld = true;
        }

        if (therapy.InterruptedFor is InterruptionCause.Neutropenia or InterruptionCause.Thrombocytopenia)
        {
            var analyte = therapy.InterruptedFor == InterruptionCause.Neutropenia ? Analyte.Anc : Analyte.Platelets;
            var causeRules = holds.Applicable.Where(r => r.Analyte == analyte).ToList();
            var needed = causeRules.Max(r => r.ResumeAtLeastPerMicroliter);
            var count = (analyte == Analyte.Anc ? labs.AncPerMicroliter : labs.PlateletsPerMicroliter) ?? 0;
            steps.AddRange(causeRules.Select(r => ResumeStep(context, navigator, r.ResumeDose, r.ResumeDoseMg, current, holds, findings)));
            var citations = causeRules.SelectMany(r => r.Citations).Distinct().ToArray();
            if (count < needed)
            {
                stillHeld = true;
                findings.Add("resumeThresholdNotMet", Severity.Warning,
                    $"{Text.Analyte(analyte)} {Text.Count(count)} is below the resume threshold of {Text.Count(needed)}: keep lenalidomide interrupted and check the CBC weekly.",
                    citations);
            }
            else
            {
                findings.Add("resumeThresholdMet", Severity.Info,
                    $"{Text.Analyte(analyte)} {Text.Count(count)} has reached the resume threshold of {Text.Count(needed)}.",
                    citations);
            }

            if (analyte == Analyte.Anc)
            {
                ancNeeded = Max(ancNeeded, needed);
            }
            else
            {
                plateletsNeeded = Max(plateletsNeeded, needed);
            }
        }

        var resume = Lowest(steps);
        if (stillHeld)
        {
            return Held(DoseAction.Interrupt, resume, new ResumeCriteria(ancNeeded, plateletsNeeded));
        }

        findings.Add("resumeDose", Severity.Info,
            $"Resume at {Text.Dose(resume.DoseMg, resume.Frequency, resume.Schedule, resume.Administration)}.",
            context.Indication.Ladder.Citations);
        return Dosed(DoseAction.Resume, resume);
    }

    private static HoldEvaluation EvaluateHolds(PatientContext context, DoseStep current)
    {
        var therapy = context.Snapshot.Therapy;
        var labs = context.Snapshot.Labs!;
        return HoldRuleMatcher.Evaluate(
            context,
            current.DoseMg >= context.Indication.StartingDose.DoseMg,
            context.PhaseDay,
            labs,
            (labs.BaselineAncPerMicroliter, labs.BaselinePlateletsPerMicroliter));
    }

    private static DoseStep ResumeStep(PatientContext context, DoseLadderNavigator navigator, ResumeDoseRule rule, double? fixedMg, DoseStep current, HoldEvaluation holds, FindingList findings)
    {
        var therapy = context.Snapshot.Therapy;
        var neutropeniaOnly = !holds.HasFired(Analyte.Platelets) && !therapy.OtherDoseLimitingToxicity
            && therapy.InterruptedFor is null or InterruptionCause.Neutropenia;
        var step = rule switch
        {
            ResumeDoseRule.Current => current,
            ResumeDoseRule.Fixed => navigator.Fixed(fixedMg!.Value),
            ResumeDoseRule.CurrentIfFirstNeutropeniaElseNextLower when neutropeniaOnly && therapy.PreviousNeutropeniaInterruptions == 0 => current,
            _ => NextLowerOrFloor(context, navigator, current, findings),
        };
        return step.LadderIndex < context.Indication.Ladder.Steps.Count && navigator.ExceedsRenalCap(step)
            ? navigator.AtIndex(step.LadderIndex)
            : step;
    }

    private static DoseStep OtherToxicityStep(PatientContext context, DoseLadderNavigator navigator, DoseStep current, HoldEvaluation holds, FindingList findings)
    {
        var rule = context.Rules.OtherToxicity;
        var severity = context.Snapshot.Therapy.OtherDoseLimitingToxicity ? Severity.Critical : Severity.Info;
        var message = context.Snapshot.Therapy.OtherDoseLimitingToxicity
            ? rule.Message
            : "The grade 3–4 toxicity has resolved to grade 2 or less: lenalidomide may resume one step lower.";
        findings.Add(rule.Code, severity, message, rule.Citations);
        return ResumeStep(context, navigator, rule.ResumeDose, null, current, holds, findings);
    }

    private static DoseStep NextLowerOrFloor(PatientContext context, DoseLadderNavigator navigator, DoseStep current, FindingList findings)
    {
        if (navigator.NextLower(current) is { } lower)
        {
            return lower;
        }

        findings.Add(context.Rules.FloorReached.ToFinding(
            $"{context.Rules.FloorReached.Message} (lowest step for {context.Indication.DisplayName}: {Text.Mg(Math.Min(navigator.FloorMg, current.DoseMg))})"));
        return current;
    }

    /// <summary>The lowest of several resume doses: the conservative combination when rules differ.</summary>
    private static DoseStep Lowest(IReadOnlyList<DoseStep> steps) =>
        steps.OrderBy(s => s.DoseMg).ThenByDescending(s => s.LadderIndex).First();

    /// <summary>The patient's dose, brought down to the renal band's dose if it is above it.</summary>
    private static DoseStep Capped(PatientContext context, DoseLadderNavigator navigator, DoseStep current, FindingList findings)
    {
        if (context.RenalRule is not { Dose: { } cap } renal)
        {
            return current;
        }

        var crCl = context.CreatinineClearance is { } value ? $"CrCl {Text.MlPerMin(value)}" : "Dialysis";
        if (current.LadderIndex < context.Indication.Ladder.Steps.Count && navigator.ExceedsRenalCap(current))
        {
            var capped = navigator.AtIndex(current.LadderIndex);
            findings.Add("renalDoseAdjustment", Severity.Warning,
                $"{crCl}: {Text.Mg(current.DoseMg)} is above the renal dose for this band; reduce to {Text.Dose(capped.DoseMg, capped.Frequency, capped.Schedule, capped.Administration)}.",
                renal.Citations);
            return capped;
        }

        findings.Add("renalDoseAdjustment", Severity.Warning,
            $"{crCl}: renal impairment limits the dose to {Text.Dose(cap.DoseMg, cap.Frequency, cap.Schedule ?? navigator.IndicationSchedule, cap.Administration)}.",
            renal.Citations);
        return current;
    }

    private static void AddRenalStartFinding(PatientContext context, FindingList findings)
    {
        if (context.RenalRule is not { } renal)
        {
            return;
        }

        findings.Add("renalDoseAdjustment", Severity.Warning, RenalMessage(context, renal), renal.Citations);
        if (renal.FollowUpNote is { } note)
        {
            findings.Add(note.ToFinding());
        }
    }

    /// <summary>The renal-table text with the patient's clearance, as dosing and contraindications both show it.</summary>
    public static string RenalMessage(PatientContext context, RenalDoseRule renal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(renal);
        return context.CreatinineClearance is { } value && context.Snapshot.Renal?.OnDialysis != true
            ? $"{renal.Message} (patient: CrCl {Text.MlPerMin(value)}, {context.Derived.CreatinineClearanceSource switch { CreatinineClearanceSource.CockcroftGault => "Cockcroft–Gault", _ => "reported" }})"
            : renal.Message;
    }

    private static void AddHoldFindings(PatientContext context, HoldEvaluation holds, FindingList findings, string action)
    {
        foreach (var analyte in new[] { Analyte.Anc, Analyte.Platelets })
        {
            var fired = holds.Fired.Where(f => f.Rule.Analyte == analyte).ToList();
            if (fired.Count == 0)
            {
                continue;
            }

            var count = fired[0].Count;
            var needed = holds.Applicable.Where(r => r.Analyte == analyte).Max(r => r.ResumeAtLeastPerMicroliter);
            var rules = string.Join(" ", fired.Select(f => f.Rule.Description).Distinct());
            findings.Add(
                analyte == Analyte.Anc ? AncHoldCode : PlateletHoldCode,
                Severity.Critical,
                $"{Text.Analyte(analyte)} {Text.Count(count)} meets a hold rule: {action} until {Text.Analyte(analyte)} is at least {Text.Count(needed)}. {rules}",
                fired.SelectMany(f => f.Rule.Citations).Distinct().ToArray());
            if (analyte == Analyte.Anc)
            {
                findings.Add(context.Rules.GrowthFactorSupport.ToFinding());
            }
        }
    }

    private static void AddNotes(PatientContext context, DoseRecommendation dose, FindingList findings)
    {
        var therapy = context.Snapshot.Therapy;
        foreach (var note in context.Indication.Notes)
        {
            if (note.OnlyWhenStatus is { } statuses && (therapy.Status is not { } status || !statuses.Contains(status)))
            {
                continue;
            }

            // "If tolerated": the escalation is offered only to a patient who continues on the starting dose — not while a
            // hold fires, not under a renal cap, not after a reduction.
            if (note.MaintenanceCyclesCompletedAtLeast is { } cycles
                && (therapy.MaintenanceCyclesCompleted < cycles || dose is not { Action: DoseAction.Continue, DoseLevel: 0 }))
            {
                continue;
            }

            findings.Add(note.Finding.ToFinding());
        }
    }

    private static int? Threshold(IEnumerable<FiredHold> fired, Analyte analyte) => ResumeThreshold(fired.Select(f => f.Rule), analyte);

    private static int? ResumeThreshold(IEnumerable<HoldRule> rules, Analyte analyte)
    {
        var values = rules.Where(r => r.Analyte == analyte).Select(r => r.ResumeAtLeastPerMicroliter).ToList();
        return values.Count == 0 ? null : values.Max();
    }

    /// <summary>
    /// Every rule that applies to a count that is held today, fired or not: together they set the resume threshold and
    /// dose (the highest and the lowest), as the interrupted evaluation applies them when the patient comes back, so an
    /// interrupt announces the criteria and dose its resume will use.
    /// </summary>
    private static List<HoldRule> HeldRules(HoldEvaluation holds) =>
        holds.Applicable.Where(r => holds.HasFired(r.Analyte)).ToList();

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static DoseRecommendation Dosed(DoseAction action, DoseStep step) => new()
    {
        Action = action,
        DoseMg = step.DoseMg,
        Frequency = step.Frequency,
        Schedule = step.Schedule,
        Administration = step.Administration,
        DoseLevel = step.Level,
    };

    private static DoseRecommendation Held(DoseAction action, DoseStep resume, ResumeCriteria resumeWhen) => new()
    {
        Action = action,
        Frequency = resume.Frequency,
        Schedule = resume.Schedule,
        Administration = resume.Administration,
        DoseLevel = resume.Level,
        ResumeWhen = resumeWhen,
        ResumeDoseMg = resume.DoseMg,
    };
}
