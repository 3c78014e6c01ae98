using System.Globalization;
using System.Text.Json;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contract;

/// <summary>
/// Turns a request body into a <see cref="PatientSnapshot"/>, collecting every type error,
/// unknown property and implausible value (with a unit hint) instead of stopping at the first.
/// Which fields a concern requires is <see cref="SnapshotRequirements"/>' business.
/// </summary>
internal static class SnapshotReader
{
    private static readonly string[] VteFlagNames = Enum.GetValues<VteRiskFactor>()
        .Where(f => f <= VteRiskFactor.Hyperviscosity)
        .Select(f => LenaJson.WireName(f))
        .ToArray();

    public static PatientSnapshot? Read(JsonElement root, ValidationErrors errors)
    {
        var body = JsonObjectReader.Open(root, string.Empty, errors);
        if (body is null)
        {
            return null;
        }

        var patientId = body.String("patientId");
        if (patientId is not null && !PatientIds.IsValid(patientId))
        {
            errors.Add("patientId", PatientIds.Rule);
        }

        var indication = body.Enum<Indication>("indication");
        if (indication is null && !errors.Has("indication"))
        {
            errors.Add("indication", "is required: one of " + string.Join(", ", Enum.GetValues<Indication>().Select(i => LenaJson.WireName(i))) + ".");
        }

        var sex = body.Enum<Sex>("sex");
        if (sex is null && !errors.Has("sex"))
        {
            errors.Add("sex", "is required: female or male.");
        }

        var ageYears = body.Integer("ageYears");
        Range(errors, "ageYears", ageYears, 18, 120, "LenaFunctions supports adults: safety and effectiveness of lenalidomide have not been established below 18 years");
        var weightKg = body.Number("weightKg");
        Range(errors, "weightKg", weightKg, 25, 350, "weightKg is in kilograms (send pounds ÷ 2.2046)");
        var heightCm = body.Number("heightCm");
        if (heightCm is > 0.5 and < 2.6)
        {
            errors.Add("heightCm", $"heightCm is in centimeters; {Format(heightCm.Value)} looks like meters, send {Format(Math.Round(heightCm.Value * 100, 1))}.");
        }
        else
        {
            Range(errors, "heightCm", heightCm, 100, 250, "heightCm is in centimeters");
        }

        var femaleOfReproductivePotentialGiven = body.Has("femaleOfReproductivePotential");
        var snapshot = new PatientSnapshot
        {
            PatientId = patientId,
            Indication = indication ?? default,
            Sex = sex ?? default,
            AgeYears = ageYears,
            WeightKg = weightKg,
            HeightCm = heightCm,
            FemaleOfReproductivePotential = body.Boolean("femaleOfReproductivePotential"),
            IrregularMenstrualCycles = body.Boolean("irregularMenstrualCycles"),
            Pregnant = body.Boolean("pregnant"),
            Breastfeeding = body.Boolean("breastfeeding"),
            Renal = ReadRenal(body, errors),
            Labs = ReadLabs(body, errors),
            Therapy = ReadTherapy(body, errors),
            Regimen = ReadRegimen(body),
            Cytogenetics = ReadCytogenetics(body),
            VteRiskFactors = ReadVteRiskFactors(body),
            History = ReadHistory(body),
            ConcomitantMedications = ReadMedications(body, errors),
            HorizonDays = body.Integer("horizonDays"),
        };
        body.RejectUnknown();

        if (sex == Sex.Female && !femaleOfReproductivePotentialGiven)
        {
            errors.Add("femaleOfReproductivePotential", "is required when sex is female: true unless she is postmenopausal (no menses for at least 24 consecutive months) or has had a hysterectomy or bilateral oophorectomy.");
        }

        CheckConsistency(snapshot, sex, errors);
        return snapshot;
    }

    private static void CheckConsistency(PatientSnapshot snapshot, Sex? sex, ValidationErrors errors)
    {
        if (sex == Sex.Male)
        {
            foreach (var (name, value) in new[]
            {
                ("femaleOfReproductivePotential", snapshot.FemaleOfReproductivePotential),
                ("pregnant", snapshot.Pregnant),
                ("breastfeeding", snapshot.Breastfeeding),
                ("irregularMenstrualCycles", snapshot.IrregularMenstrualCycles),
            })
            {
                if (value)
                {
                    errors.Add(name, $"is true but sex is male; correct one of them.");
                }
            }
        }
        else if (snapshot.Pregnant && !snapshot.FemaleOfReproductivePotential && !errors.Has("femaleOfReproductivePotential"))
        {
            errors.Add("femaleOfReproductivePotential", "is false but pregnant is true; a pregnant patient is of reproductive potential. Correct one of them.");
        }
    }

    private static RenalFunction? ReadRenal(JsonObjectReader body, ValidationErrors errors)
    {
        var renal = body.Object("renal");
        if (renal is null)
        {
            return null;
        }

        var crCl = renal.Number("creatinineClearanceMlPerMin");
        if (crCl is > 0 and < 1)
        {
            errors.Add(renal.PathOf("creatinineClearanceMlPerMin"), $"creatinineClearanceMlPerMin is in mL/min; {Format(crCl.Value)} looks like mL/s, send {Format(Math.Round(crCl.Value * 60, 1))}.");
        }
        else
        {
            Range(errors, renal.PathOf("creatinineClearanceMlPerMin"), crCl, 1, 250, "creatinineClearanceMlPerMin is in mL/min");
        }

        var creatinine = renal.Number("serumCreatinineMgPerDl");
        if (creatinine is > 25 and <= 3000)
        {
            errors.Add(renal.PathOf("serumCreatinineMgPerDl"), $"serumCreatinineMgPerDl is in mg/dL; {Format(creatinine.Value)} looks like µmol/L, send {Format(Math.Round(creatinine.Value / 88.42, 2))}.");
        }
        else
        {
            Range(errors, renal.PathOf("serumCreatinineMgPerDl"), creatinine, 0.1, 25, "serumCreatinineMgPerDl is in mg/dL");
        }

        var result = new RenalFunction
        {
            CreatinineClearanceMlPerMin = crCl,
            SerumCreatinineMgPerDl = creatinine,
            OnDialysis = renal.Boolean("onDialysis"),
        };
        renal.RejectUnknown();
        return result;
    }

    private static LabResults? ReadLabs(JsonObjectReader body, ValidationErrors errors)
    {
        var labs = body.Object("labs");
        if (labs is null)
        {
            return null;
        }

        var result = new LabResults
        {
            TakenOn = labs.Date("takenOn"),
            AncPerMicroliter = Count(labs, errors, "ancPerMicroliter", 50, 100_000),
            PlateletsPerMicroliter = Count(labs, errors, "plateletsPerMicroliter", 1_000, 2_000_000),
            BaselineAncPerMicroliter = Count(labs, errors, "baselineAncPerMicroliter", 50, 100_000),
            BaselinePlateletsPerMicroliter = Count(labs, errors, "baselinePlateletsPerMicroliter", 1_000, 2_000_000),
        };
        labs.RejectUnknown();
        return result;
    }

    /// <summary>
    /// A cell count per µL. Zero is a real result; a small positive value (or a fraction) is almost
    /// always ×10^9/L sent by mistake, so it is refused with the value to send instead.
    /// </summary>
    private static int? Count(JsonObjectReader labs, ValidationErrors errors, string name, int lowestPlausible, int highestPlausible)
    {
        var path = labs.PathOf(name);
        string Hint(double v) => $"{name} is per microliter; {Format(v)} looks like ×10^9/L, send {Format(Math.Round(v * 1000))}.";
        var value = labs.Integer(name, v => v is > 0 and < 1000 ? Hint(v) : null);
        if (value is null)
        {
            return null;
        }

        if (value.Value > 0 && value.Value < lowestPlausible)
        {
            errors.Add(path, Hint(value.Value));
            return null;
        }

        if (value.Value < 0 || value.Value > highestPlausible)
        {
            errors.Add(path, $"{name} must be between 0 and {highestPlausible.ToString("N0", CultureInfo.InvariantCulture)} per microliter, not {value.Value}.");
            return null;
        }

        return value;
    }

    private static TherapyState ReadTherapy(JsonObjectReader body, ValidationErrors errors)
    {
        var therapy = body.Object("therapy");
        if (therapy is null)
        {
            return new TherapyState();
        }

        var dose = therapy.Number("currentDoseMg");
        Range(errors, therapy.PathOf("currentDoseMg"), dose, 0.5, 25, "currentDoseMg is the daily lenalidomide dose in mg (capsules of 2.5 to 25 mg)");
        var result = new TherapyState
        {
            Status = therapy.Enum<TherapyStatus>("status"),
            StartDate = therapy.Date("startDate"),
            CurrentDoseMg = dose,
            CurrentSchedule = therapy.Enum<DoseSchedule>("currentSchedule"),
            DaysOnTherapy = NonNegative(therapy, errors, "daysOnTherapy", 3650),
            InterruptedFor = therapy.Enum<InterruptionCause>("interruptedFor"),
            PreviousNeutropeniaInterruptions = NonNegative(therapy, errors, "previousNeutropeniaInterruptions", 50) ?? 0,
            Fever38_5C = therapy.Boolean("fever38_5C"),
            AncBelow500ForDays = NonNegative(therapy, errors, "ancBelow500ForDays", 365) ?? 0,
            AncBelow1000ForDays = NonNegative(therapy, errors, "ancBelow1000ForDays", 365) ?? 0,
            PlateletTransfusionDependent = therapy.Boolean("plateletTransfusionDependent"),
            OtherDoseLimitingToxicity = therapy.Boolean("otherDoseLimitingToxicity"),
            MaintenanceCyclesCompleted = NonNegative(therapy, errors, "maintenanceCyclesCompleted", 200) ?? 0,
            TransplantCandidate = therapy.Boolean("transplantCandidate"),
        };
        therapy.RejectUnknown();
        return result;
    }

    private static int? NonNegative(JsonObjectReader reader, ValidationErrors errors, string name, int max)
    {
        var value = reader.Integer(name);
        if (value is { } v && (v < 0 || v > max))
        {
            errors.Add(reader.PathOf(name), $"must be between 0 and {max}, not {v}.");
            return null;
        }

        return value;
    }

    private static Regimen ReadRegimen(JsonObjectReader body)
    {
        var regimen = body.Object("regimen");
        if (regimen is null)
        {
            return new Regimen();
        }

        var result = new Regimen
        {
            Dexamethasone = regimen.Enum<DexamethasoneDose>("dexamethasone") ?? DexamethasoneDose.None,
            Doxorubicin = regimen.Boolean("doxorubicin"),
            MultiagentChemotherapy = regimen.Boolean("multiagentChemotherapy"),
            Melphalan = regimen.Boolean("melphalan"),
            Rituximab = regimen.Boolean("rituximab"),
        };
        regimen.RejectUnknown();
        return result;
    }

    private static Cytogenetics ReadCytogenetics(JsonObjectReader body)
    {
        var reader = body.Object("cytogenetics");
        if (reader is null)
        {
            return new Cytogenetics();
        }

        var result = new Cytogenetics
        {
            Del5q = reader.Boolean("del5q"),
            Monosomy7 = reader.Boolean("monosomy7"),
            Tp53Mutation = reader.Boolean("tp53Mutation"),
        };
        reader.RejectUnknown();
        return result;
    }

    private static HashSet<VteRiskFactor> ReadVteRiskFactors(JsonObjectReader body)
    {
        var set = new HashSet<VteRiskFactor>();
        var reader = body.Object("vteRiskFactors");
        if (reader is null)
        {
            return set;
        }

        foreach (var name in VteFlagNames)
        {
            if (reader.Boolean(name))
            {
                set.Add(Enum.GetValues<VteRiskFactor>().First(f => LenaJson.WireName(f) == name));
            }
        }

        reader.RejectUnknown();
        return set;
    }

    private static History ReadHistory(JsonObjectReader body)
    {
        var reader = body.Object("history");
        if (reader is null)
        {
            return new History();
        }

        var result = new History
        {
            LenalidomideHypersensitivity = reader.Boolean("lenalidomideHypersensitivity"),
            SevereSkinReactionToThalidomide = reader.Boolean("severeSkinReactionToThalidomide"),
        };
        reader.RejectUnknown();
        return result;
    }

    private static HashSet<ConcomitantMedication> ReadMedications(JsonObjectReader body, ValidationErrors errors)
    {
        var set = new HashSet<ConcomitantMedication>();
        var items = body.Array("concomitantMedications");
        if (items is null)
        {
            return set;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"concomitantMedications[{i}]";
            if (items[i].ValueKind != JsonValueKind.String)
            {
                errors.Add(path, $"must be a string, not {JsonObjectReader.Describe(items[i])}.");
                continue;
            }

            if (JsonObjectReader.EnumValue<ConcomitantMedication>(items[i].GetString()!, path, errors) is { } medication)
            {
                set.Add(medication);
            }
        }

        return set;
    }

    private static void Range(ValidationErrors errors, string path, double? value, double min, double max, string unitNote)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(path, $"{unitNote}; plausible values are {Format(min)} to {Format(max)}, not {Format(v)}.");
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
