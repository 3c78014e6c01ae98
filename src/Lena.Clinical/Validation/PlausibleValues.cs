using System.Globalization;
using Lena.Clinical.Contract;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Validation;

/// <summary>
/// Physiological ranges and unit hints over the typed snapshot. A value plausible in the contract's unit is
/// taken as sent (an integer ANC of 20/µL is profound neutropenia, not a unit slip); a hint names both
/// readings only where the value is implausible as sent, so it can never steer toward the less cautious one.
/// </summary>
internal static class PlausibleValues
{
    /// <summary>Below this a platelet count per µL is no reported result (laboratories report from about 1,000/µL).</summary>
    private const int LowestReportedPlateletsPerMicroliter = 1_000;

    public static void Check(PatientSnapshot snapshot, ValidationErrors errors)
    {
        if (snapshot.PatientId is { } id && !PatientIds.IsValid(id))
        {
            errors.Add("patientId", PatientIds.Rule);
        }

        Range(errors, "ageYears", snapshot.AgeYears, 18, 120, "LenaFunctions supports adults: safety and effectiveness of lenalidomide have not been established below 18 years");
        CheckWeight(snapshot.WeightKg, errors);
        CheckHeight(snapshot.HeightCm, errors);
        CheckRenal(snapshot.Renal, errors);
        CheckLabs(snapshot.Labs, errors);
        CheckTherapy(snapshot.Therapy, errors);
        CheckLiver(snapshot.Liver, errors);
    }

    private static void CheckLiver(LiverTests? liver, ValidationErrors errors)
    {
        if (liver is null)
        {
            return;
        }

        foreach (var (name, value) in new[] { ("altTimesUpperLimit", liver.AltTimesUpperLimit), ("astTimesUpperLimit", liver.AstTimesUpperLimit), ("bilirubinTimesUpperLimit", liver.BilirubinTimesUpperLimit) })
        {
            if (value is > 100 and <= 5000)
            {
                errors.Add($"liver.{name}", $"{name} is a multiple of the laboratory's upper limit of normal (ULN); {Format(value.Value)} looks like the value itself (U/L or µmol/L). Send value ÷ ULN: e.g. ALT 96 U/L with ULN 40 U/L is 2.4.");
            }
            else
            {
                Range(errors, $"liver.{name}", value, 0, 100, $"{name} is a multiple of the laboratory's upper limit of normal (value ÷ ULN)");
            }
        }
    }

    /// <summary>The reader's message for a fractional count: not a count per µL as sent, so both readings are named.</summary>
    public static string FractionalCountHint(string name, double value) =>
        $"{name} is per microliter; {Format(value)} looks like ×10^9/L, send {Format(Math.Round(value * 1000))}. As sent, {Format(value)} is no count per microliter (counts are whole numbers).";

    private static void CheckWeight(double? weightKg, ValidationErrors errors)
    {
        if (weightKg is > 350 and <= 800)
        {
            errors.Add("weightKg", $"weightKg is in kilograms; {Format(weightKg.Value)} looks like pounds, send {Format(Math.Round(weightKg.Value / 2.2046, 1))} (pounds ÷ 2.2046). As sent, {Format(weightKg.Value)} kg is above any plausible adult weight (25 to 350 kg).");
            return;
        }

        Range(errors, "weightKg", weightKg, 25, 350, "weightKg is the adult body weight in kilograms, measured recently");
    }

    private static void CheckHeight(double? heightCm, ValidationErrors errors)
    {
        if (heightCm is > 0.5 and < 2.6)
        {
            errors.Add("heightCm", $"heightCm is in centimeters; {Format(heightCm.Value)} looks like meters, send {Format(Math.Round(heightCm.Value * 100, 1))}. As sent, {Format(heightCm.Value)} cm is no adult height.");
            return;
        }

        Range(errors, "heightCm", heightCm, 100, 250, "heightCm is in centimeters");
    }

    private static void CheckRenal(RenalFunction? renal, ValidationErrors errors)
    {
        if (renal is null)
        {
            return;
        }

        var crCl = renal.CreatinineClearanceMlPerMin;
        if (crCl is > 0 and < 1)
        {
            errors.Add("renal.creatinineClearanceMlPerMin", $"creatinineClearanceMlPerMin is in mL/min; {Format(crCl.Value)} looks like mL/s, send {Format(Math.Round(crCl.Value * 60, 1))}. As sent, {Format(crCl.Value)} mL/min is below any measurable clearance: a patient without one is on dialysis (send renal.onDialysis true).");
        }
        else
        {
            Range(errors, "renal.creatinineClearanceMlPerMin", crCl, 1, 250, "creatinineClearanceMlPerMin is in mL/min");
        }

        var creatinine = renal.SerumCreatinineMgPerDl;
        if (creatinine is > 25 and <= 3000)
        {
            errors.Add("renal.serumCreatinineMgPerDl", $"serumCreatinineMgPerDl is in mg/dL; {Format(creatinine.Value)} looks like µmol/L, send {Format(Math.Round(creatinine.Value / 88.42, 2))}. As sent, {Format(creatinine.Value)} mg/dL is above any plausible serum creatinine (0.1 to 25 mg/dL).");
        }
        else
        {
            Range(errors, "renal.serumCreatinineMgPerDl", creatinine, 0.1, 25, "serumCreatinineMgPerDl is in mg/dL");
        }
    }

    private static void CheckLabs(LabResults? labs, ValidationErrors errors)
    {
        if (labs is null)
        {
            return;
        }

        Anc(errors, "labs.ancPerMicroliter", labs.AncPerMicroliter);
        Anc(errors, "labs.baselineAncPerMicroliter", labs.BaselineAncPerMicroliter);
        Platelets(errors, "labs.plateletsPerMicroliter", labs.PlateletsPerMicroliter);
        Platelets(errors, "labs.baselinePlateletsPerMicroliter", labs.BaselinePlateletsPerMicroliter);
        if (labs.HemoglobinGPerDl is > 25 and <= 250)
        {
            errors.Add("labs.hemoglobinGPerDl", $"hemoglobinGPerDl is in g/dL; {Format(labs.HemoglobinGPerDl.Value)} looks like g/L, send {Format(labs.HemoglobinGPerDl.Value / 10)}. As sent, {Format(labs.HemoglobinGPerDl.Value)} g/dL is above any plausible haemoglobin (3 to 25 g/dL).");
        }
        else
        {
            Range(errors, "labs.hemoglobinGPerDl", labs.HemoglobinGPerDl, 3, 25, "hemoglobinGPerDl is in g/dL");
        }
    }

    /// <summary>Any whole ANC from 0 is a result a laboratory reports (profound neutropenia included): taken as sent.</summary>
    private static void Anc(ValidationErrors errors, string path, int? value)
    {
        if (value is { } v && (v < 0 || v > 100_000))
        {
            errors.Add(path, $"{Name(path)} must be between 0 and 100,000 per microliter, not {v.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void Platelets(ValidationErrors errors, string path, int? value)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v is > 0 and < LowestReportedPlateletsPerMicroliter)
        {
            errors.Add(path, $"{Name(path)} is per microliter; {v.ToString(CultureInfo.InvariantCulture)} looks like ×10^9/L, send {(v * 1000).ToString(CultureInfo.InvariantCulture)}. As sent, {v.ToString(CultureInfo.InvariantCulture)}/µL is below any reported platelet count.");
        }
        else if (v < 0 || v > 2_000_000)
        {
            errors.Add(path, $"{Name(path)} must be between 0 and 2,000,000 per microliter, not {v.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void CheckTherapy(TherapyState therapy, ValidationErrors errors)
    {
        Range(errors, "therapy.currentDoseMg", therapy.CurrentDoseMg, 0.5, 25, "currentDoseMg is the daily lenalidomide dose in mg (capsules of 2.5 to 25 mg)");
        WholeRange(errors, "therapy.daysOnTherapy", therapy.DaysOnTherapy, 3650);
        WholeRange(errors, "therapy.previousNeutropeniaInterruptions", therapy.PreviousNeutropeniaInterruptions, 50);
        WholeRange(errors, "therapy.ancBelow500ForDays", therapy.AncBelow500ForDays, 365);
        WholeRange(errors, "therapy.ancBelow1000ForDays", therapy.AncBelow1000ForDays, 365);
        WholeRange(errors, "therapy.maintenanceCyclesCompleted", therapy.MaintenanceCyclesCompleted, 200);
        WholeRange(errors, "therapy.cyclesCompleted", therapy.CyclesCompleted, 200);
    }

    private static void WholeRange(ValidationErrors errors, string path, int? value, int max)
    {
        if (value is { } v && (v < 0 || v > max))
        {
            errors.Add(path, $"must be between 0 and {max}, not {v}.");
        }
    }

    private static void Range(ValidationErrors errors, string path, double? value, double min, double max, string unitNote)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(path, $"{unitNote}; plausible values are {Format(min)} to {Format(max)}, not {Format(v)}.");
        }
    }

    private static string Name(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
