using System.Text.Json;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contract;

/// <summary>
/// Turns a request body into a <see cref="PatientSnapshot"/>: shape and type only, collecting every type
/// error and unknown property instead of stopping at the first. Ranges, unit hints, consistency and what a
/// concern requires are the business of <see cref="Validation.SnapshotValidator"/>, over the typed snapshot.
/// </summary>
internal static class SnapshotReader
{
    private static readonly VteRiskFactor[] VteFlags = Enum.GetValues<VteRiskFactor>()
        .Where(f => f <= VteRiskFactor.Hyperviscosity)
        .ToArray();

    private static readonly string[] VteFlagNames = VteFlags.Select(f => LenaJson.WireName(f)).ToArray();

    public static PatientSnapshot? Read(JsonElement root, ValidationErrors errors)
    {
        var body = JsonObjectReader.Open(root, string.Empty, errors);
        if (body is null)
        {
            return null;
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

        var snapshot = new PatientSnapshot
        {
            PatientId = body.String("patientId"),
            Indication = indication ?? default,
            Sex = sex ?? default,
            AgeYears = body.Integer("ageYears"),
            WeightKg = body.Number("weightKg"),
            HeightCm = body.Number("heightCm"),
            FemaleOfReproductivePotential = body.OptionalBoolean("femaleOfReproductivePotential"),
            IrregularMenstrualCycles = body.Boolean("irregularMenstrualCycles"),
            Pregnant = body.Boolean("pregnant"),
            Breastfeeding = body.Boolean("breastfeeding"),
            Renal = ReadRenal(body),
            Labs = ReadLabs(body),
            Therapy = ReadTherapy(body),
            Regimen = ReadRegimen(body),
            Cytogenetics = ReadCytogenetics(body),
            VteRiskFactors = ReadVteRiskFactors(body),
            History = ReadHistory(body),
            ConcomitantMedications = ReadMedications(body, errors),
            PregnancyTests = ReadPregnancyTests(body, errors),
            Liver = ReadLiver(body),
            HorizonDays = body.Integer("horizonDays"),
        };
        body.RejectUnknown();
        return indication is null || sex is null ? null : snapshot;
    }

    private static RenalFunction? ReadRenal(JsonObjectReader body)
    {
        var renal = body.Object("renal");
        if (renal is null)
        {
            return null;
        }

        var result = new RenalFunction
        {
            CreatinineClearanceMlPerMin = renal.Number("creatinineClearanceMlPerMin"),
            SerumCreatinineMgPerDl = renal.Number("serumCreatinineMgPerDl"),
            OnDialysis = renal.Boolean("onDialysis"),
        };
        renal.RejectUnknown();
        return result;
    }

    private static LabResults? ReadLabs(JsonObjectReader body)
    {
        var labs = body.Object("labs");
        if (labs is null)
        {
            return null;
        }

        var result = new LabResults
        {
            TakenOn = labs.Date("takenOn"),
            AncPerMicroliter = Count(labs, "ancPerMicroliter"),
            PlateletsPerMicroliter = Count(labs, "plateletsPerMicroliter"),
            BaselineAncPerMicroliter = Count(labs, "baselineAncPerMicroliter"),
            BaselinePlateletsPerMicroliter = Count(labs, "baselinePlateletsPerMicroliter"),
            HemoglobinGPerDl = labs.Number("hemoglobinGPerDl"),
        };
        labs.RejectUnknown();
        return result;
    }

    /// <summary>
    /// A cell count per µL is a whole number. A fraction cannot be a count per µL, so it is read as what it
    /// almost always is (×10^9/L) and refused naming both readings; plausibility of whole numbers is the validator's.
    /// </summary>
    private static int? Count(JsonObjectReader labs, string name) =>
        labs.Integer(name, v => Validation.PlausibleValues.FractionalCountHint(name, v));

    private static TherapyState ReadTherapy(JsonObjectReader body)
    {
        var therapy = body.Object("therapy");
        if (therapy is null)
        {
            return new TherapyState();
        }

        var result = new TherapyState
        {
            Status = therapy.Enum<TherapyStatus>("status"),
            StartDate = therapy.Date("startDate"),
            CurrentDoseMg = therapy.Number("currentDoseMg"),
            CurrentSchedule = therapy.Enum<DoseSchedule>("currentSchedule"),
            DaysOnTherapy = therapy.Integer("daysOnTherapy"),
            InterruptedFor = therapy.Enum<InterruptionCause>("interruptedFor"),
            PreviousNeutropeniaInterruptions = therapy.Integer("previousNeutropeniaInterruptions") ?? 0,
            Fever38_5C = therapy.Boolean("fever38_5C"),
            AncBelow500ForDays = therapy.Integer("ancBelow500ForDays") ?? 0,
            AncBelow1000ForDays = therapy.Integer("ancBelow1000ForDays") ?? 0,
            PlateletTransfusionDependent = therapy.Boolean("plateletTransfusionDependent"),
            OtherDoseLimitingToxicity = therapy.Boolean("otherDoseLimitingToxicity"),
            MaintenanceCyclesCompleted = therapy.Integer("maintenanceCyclesCompleted") ?? 0,
            CyclesCompleted = therapy.Integer("cyclesCompleted"),
            TransplantCandidate = therapy.Boolean("transplantCandidate"),
        };
        therapy.RejectUnknown();
        return result;
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
            Del5q = reader.OptionalBoolean("del5q"),
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

        for (var i = 0; i < VteFlagNames.Length; i++)
        {
            if (reader.Boolean(VteFlagNames[i]))
            {
                set.Add(VteFlags[i]);
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
            AspirinAllergy = reader.Boolean("aspirinAllergy"),
            HeparinAllergy = reader.Boolean("heparinAllergy"),
            WarfarinAllergy = reader.Boolean("warfarinAllergy"),
            ThalidomideClassAllergy = reader.Boolean("thalidomideClassAllergy"),
        };
        reader.RejectUnknown();
        return result;
    }

    private static LiverTests? ReadLiver(JsonObjectReader body)
    {
        var liver = body.Object("liver");
        if (liver is null)
        {
            return null;
        }

        var result = new LiverTests
        {
            TakenOn = liver.Date("takenOn"),
            AltTimesUpperLimit = liver.Number("altTimesUpperLimit"),
            AstTimesUpperLimit = liver.Number("astTimesUpperLimit"),
            BilirubinTimesUpperLimit = liver.Number("bilirubinTimesUpperLimit"),
        };
        liver.RejectUnknown();
        return result;
    }

    private static List<PregnancyTest> ReadPregnancyTests(JsonObjectReader body, ValidationErrors errors)
    {
        var tests = new List<PregnancyTest>();
        var items = body.Array("pregnancyTests");
        if (items is null)
        {
            return tests;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var test = JsonObjectReader.Open(items[i], $"pregnancyTests[{i}]", errors);
            if (test is null)
            {
                continue;
            }

            var takenOn = test.Date("takenOn");
            var result = test.Enum<PregnancyTestResult>("result");
            test.RejectUnknown();
            if (takenOn is null && !errors.Has($"pregnancyTests[{i}].takenOn"))
            {
                errors.Add($"pregnancyTests[{i}].takenOn", "is required: the date the sample was taken, as yyyy-MM-dd.");
            }

            if (result is null && !errors.Has($"pregnancyTests[{i}].result"))
            {
                errors.Add($"pregnancyTests[{i}].result", "is required: negative or positive.");
            }

            if (takenOn is { } date && result is { } value)
            {
                tests.Add(new PregnancyTest(date, value));
            }
        }

        return tests;
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
}
