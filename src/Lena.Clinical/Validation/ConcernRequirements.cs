using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Dosing;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Validation;

/// <summary>
/// What each concern needs from a well-formed snapshot. An omitted required value is a 400 that
/// names it and says what to send, never a default (API.md).
/// </summary>
internal static class ConcernRequirements
{
    public static void Check(PatientSnapshot snapshot, Concern concern, RuleSet rules, DateOnly today, ValidationErrors errors)
    {
        var all = concern == Concern.Assessment;
        if (snapshot.HorizonDays is not null && !all && concern != Concern.MonitoringSchedule && !errors.Has("horizonDays"))
        {
            errors.Add("horizonDays", "is read only by monitoring-schedule and assessments (how far ahead to plan); remove it from this request.");
        }

        if (all || concern == Concern.Dosing)
        {
            RequireRenal(snapshot, errors);
            RequireDosingInputs(snapshot, rules, today, errors, labsRequired: true);
        }

        if (all || concern == Concern.MonitoringSchedule)
        {
            RequireMonitoringInputs(snapshot, rules, errors);
        }

        if (all || concern == Concern.VteProphylaxis)
        {
            RequireRenal(snapshot, errors);
        }

        if (all || concern == Concern.Contraindications)
        {
            if (snapshot.Renal is not null)
            {
                RequireRenal(snapshot, errors);
            }

            if (snapshot.Labs is not null)
            {
                RequireDosingInputs(snapshot, rules, today, errors, labsRequired: false);
            }
        }
    }

    private static void RequireRenal(PatientSnapshot snapshot, ValidationErrors errors)
    {
        var renal = snapshot.Renal;
        if (renal is null)
        {
            errors.Add("renal", "is required: send renal.creatinineClearanceMlPerMin, or renal.serumCreatinineMgPerDl with ageYears, weightKg and sex for Cockcroft–Gault, and renal.onDialysis.");
            return;
        }

        if (renal.OnDialysis)
        {
            return;
        }

        if (renal.SerumCreatinineMgPerDl is null && renal.CreatinineClearanceMlPerMin is not null)
        {
            return;
        }

        if (renal.SerumCreatinineMgPerDl is null)
        {
            if (!errors.Has("renal.creatinineClearanceMlPerMin") && !errors.Has("renal.serumCreatinineMgPerDl"))
            {
                errors.Add("renal.creatinineClearanceMlPerMin", "is required unless renal.serumCreatinineMgPerDl is sent (then ageYears, weightKg and sex give Cockcroft–Gault) or renal.onDialysis is true.");
            }

            return;
        }

        foreach (var (name, missing) in new[] { ("ageYears", snapshot.AgeYears is null), ("weightKg", snapshot.WeightKg is null) })
        {
            if (missing && !errors.Has(name))
            {
                errors.Add(name, renal.CreatinineClearanceMlPerMin is null
                    ? "is required to compute creatinine clearance (Cockcroft–Gault) from renal.serumCreatinineMgPerDl; or send renal.creatinineClearanceMlPerMin."
                    : "is required to check the reported creatinine clearance against renal.serumCreatinineMgPerDl (Cockcroft–Gault; the lower clearance decides); or leave out renal.serumCreatinineMgPerDl.");
            }
        }
    }

    private static void RequireDosingInputs(PatientSnapshot snapshot, RuleSet rules, DateOnly today, ValidationErrors errors, bool labsRequired)
    {
        var therapy = snapshot.Therapy;
        if (therapy.Status is not { } status)
        {
            if (!errors.Has("therapy.status"))
            {
                errors.Add("therapy.status", "is required: starting (choose a starting dose), onTreatment (labs during therapy) or interrupted (dose on hold).");
            }

            return;
        }

        var indication = rules.Indications.FirstOrDefault(i => i.Indication == snapshot.Indication);
        var labsNeeded = status != TherapyStatus.Starting || indication?.StartCriteria is not null;
        if (labsNeeded && labsRequired && snapshot.Labs is null)
        {
            errors.Add("labs", status == TherapyStatus.Starting
                ? "is required to start maintenance: the start criteria are ANC and platelet counts."
                : $"is required when therapy.status is {LenaJson.WireName(status)}: send labs.takenOn, labs.ancPerMicroliter and labs.plateletsPerMicroliter.");
        }

        RequireCompleteLabs(snapshot, errors);
        if (status == TherapyStatus.Starting || indication is null)
        {
            return;
        }

        if (therapy.CurrentDoseMg is not { } dose)
        {
            if (!errors.Has("therapy.currentDoseMg"))
            {
                errors.Add("therapy.currentDoseMg", $"is required when therapy.status is {LenaJson.WireName(status)}: the daily dose in mg the patient takes (or took before the hold).");
            }
        }
        else
        {
            CheckDoseOnLadder(indication, dose, therapy.CurrentSchedule, errors);
        }

        if (status == TherapyStatus.Interrupted && therapy.InterruptedFor is null && !errors.Has("therapy.interruptedFor"))
        {
            errors.Add("therapy.interruptedFor", "is required when therapy.status is interrupted: neutropenia, thrombocytopenia or otherToxicity.");
        }

        if (indication.EarlyPhaseDays is { } earlyDays)
        {
            if (therapy.DaysOnTherapy is null)
            {
                if (!errors.Has("therapy.daysOnTherapy"))
                {
                    errors.Add("therapy.daysOnTherapy", $"is required for {indication.DisplayName}: its hold rules differ in the first {earlyDays / 7} weeks.");
                }
            }
            else if (TherapyPhase.Day(therapy, today) < earlyDays && therapy.CurrentDoseMg >= indication.StartingDose.DoseMg && snapshot.Labs is { } labs)
            {
                RequireBaseline(labs.BaselineAncPerMicroliter, "labs.baselineAncPerMicroliter", earlyDays, errors);
                RequireBaseline(labs.BaselinePlateletsPerMicroliter, "labs.baselinePlateletsPerMicroliter", earlyDays, errors);
            }
        }
    }

    private static void RequireBaseline(int? value, string path, int earlyDays, ValidationErrors errors)
    {
        if (value is null && !errors.Has(path))
        {
            errors.Add(path, $"is required in the first {earlyDays / 7} weeks of MDS therapy at the starting dose: the hold thresholds depend on the count before treatment.");
        }
    }

    private static void RequireCompleteLabs(PatientSnapshot snapshot, ValidationErrors errors)
    {
        if (snapshot.Labs is not { } labs)
        {
            return;
        }

        foreach (var (name, missing) in new[]
        {
            ("labs.ancPerMicroliter", labs.AncPerMicroliter is null),
            ("labs.plateletsPerMicroliter", labs.PlateletsPerMicroliter is null),
        })
        {
            if (missing && !errors.Has(name))
            {
                errors.Add(name, "is required whenever labs are sent: counts without a date, or one count without the other, cannot drive a hold decision.");
            }
        }
    }

    private static void CheckDoseOnLadder(IndicationRules indication, double dose, DoseSchedule? schedule, ValidationErrors errors)
    {
        var onLadder = indication.Ladder.Steps.Where(s => s.DoseMg.Equals(dose)).ToList();
        var renalDose = indication.Renal.Any(r => r.Dose?.DoseMg.Equals(dose) == true);
        if (onLadder.Count == 0 && !renalDose)
        {
            var steps = string.Join(", ", indication.Ladder.Steps.Select(s => s.DoseMg).Concat(indication.Renal.Where(r => r.Dose is not null).Select(r => r.Dose!.DoseMg)).Distinct().OrderDescending());
            errors.Add("therapy.currentDoseMg", $"{dose} mg is not a dose of the {indication.DisplayName} ladder or renal table ({steps} mg); send the dose the patient takes.");
            return;
        }

        if (onLadder.Count > 1 && DoseLadderNavigator.FindIndex(indication, dose, schedule) is null && !errors.Has("therapy.currentSchedule"))
        {
            errors.Add("therapy.currentSchedule", $"is required at {dose} mg for {indication.DisplayName}: that dose is given both continuously and on days 1–21 of 28; send continuous or days1To21Every28.");
        }
    }

    private static void RequireMonitoringInputs(PatientSnapshot snapshot, RuleSet rules, ValidationErrors errors)
    {
        // The limit is rule data, so a pharmacist can change it with the rest of the schedule.
        if (snapshot.HorizonDays is { } horizon && (horizon < 1 || horizon > rules.Monitoring.MaxHorizonDays) && !errors.Has("horizonDays"))
        {
            errors.Add("horizonDays", $"must be between 1 and {rules.Monitoring.MaxHorizonDays} days, not {horizon}.");
        }

        if (snapshot.Therapy.StartDate is null && !errors.Has("therapy.startDate"))
        {
            errors.Add("therapy.startDate", "is required for a monitoring schedule: the date of the first dose (day 0), as yyyy-MM-dd.");
        }

        if (snapshot.Therapy.Status is null && !errors.Has("therapy.status"))
        {
            errors.Add("therapy.status", "is required: starting, onTreatment or interrupted (a held dose needs weekly counts).");
        }

        if (snapshot.AgeYears is null)
        {
            if (!errors.Has("ageYears"))
            {
                errors.Add("ageYears", $"is required for a monitoring schedule: patients aged {rules.Monitoring.HigherRenalRiskAgeAtLeast} or older have renal function checked more often.");
            }
        }
        else if (snapshot.AgeYears < rules.Monitoring.HigherRenalRiskAgeAtLeast)
        {
            RequireRenal(snapshot, errors);
        }
    }
}
