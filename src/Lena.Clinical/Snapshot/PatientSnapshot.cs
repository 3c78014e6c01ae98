namespace Lena.Clinical.Snapshot;

/// <summary>One patient's state as a portal sends it (API.md, "The patient snapshot").</summary>
/// <remarks>Optional values are null when the caller omitted them; omitted booleans are false.</remarks>
public sealed record PatientSnapshot
{
    public string? PatientId { get; init; }
    public required Indication Indication { get; init; }
    public required Sex Sex { get; init; }
    public int? AgeYears { get; init; }
    public double? WeightKg { get; init; }
    public double? HeightCm { get; init; }
    /// <summary>Null when not sent: required for a female (validation), never inferred.</summary>
    public bool? FemaleOfReproductivePotential { get; init; }
    public bool IrregularMenstrualCycles { get; init; }
    public bool Pregnant { get; init; }
    public bool Breastfeeding { get; init; }
    public RenalFunction? Renal { get; init; }
    public LabResults? Labs { get; init; }
    public TherapyState Therapy { get; init; } = new();
    public Regimen Regimen { get; init; } = new();
    public Cytogenetics Cytogenetics { get; init; } = new();
    public IReadOnlySet<VteRiskFactor> VteRiskFactors { get; init; } = new HashSet<VteRiskFactor>();
    public History History { get; init; } = new();
    public IReadOnlySet<ConcomitantMedication> ConcomitantMedications { get; init; } = new HashSet<ConcomitantMedication>();

    /// <summary>Serum or urine hCG results, any order (REMS pregnancy testing).</summary>
    public IReadOnlyList<PregnancyTest> PregnancyTests { get; init; } = [];

    /// <summary>Liver tests as multiples of the reporting laboratory's upper limit of normal.</summary>
    public LiverTests? Liver { get; init; }

    /// <summary>MonitoringSchedule only: how far ahead to plan, in days.</summary>
    public int? HorizonDays { get; init; }

    public bool Takes(ConcomitantMedication medication) => ConcomitantMedications.Contains(medication);

    /// <summary>A female of reproductive potential (stated true; never inferred).</summary>
    public bool IsFemaleOfReproductivePotential => Sex == Sex.Female && FemaleOfReproductivePotential == true;
}

public sealed record RenalFunction
{
    public double? CreatinineClearanceMlPerMin { get; init; }
    public double? SerumCreatinineMgPerDl { get; init; }
    public bool OnDialysis { get; init; }
}

public sealed record LabResults
{
    public DateOnly? TakenOn { get; init; }
    public int? AncPerMicroliter { get; init; }
    public int? PlateletsPerMicroliter { get; init; }
    public int? BaselineAncPerMicroliter { get; init; }
    public int? BaselinePlateletsPerMicroliter { get; init; }

    /// <summary>Haemoglobin in g/dL (the ESA threshold reads it).</summary>
    public double? HemoglobinGPerDl { get; init; }
}

public sealed record PregnancyTest(DateOnly TakenOn, PregnancyTestResult Result);

public sealed record LiverTests
{
    public DateOnly? TakenOn { get; init; }
    public double? AltTimesUpperLimit { get; init; }
    public double? AstTimesUpperLimit { get; init; }
    public double? BilirubinTimesUpperLimit { get; init; }
}

public sealed record TherapyState
{
    public TherapyStatus? Status { get; init; }
    public DateOnly? StartDate { get; init; }
    public double? CurrentDoseMg { get; init; }

    /// <summary>Only needed where one dose stands on two ladder steps (maintenance 5 mg).</summary>
    public DoseSchedule? CurrentSchedule { get; init; }
    public int? DaysOnTherapy { get; init; }
    public InterruptionCause? InterruptedFor { get; init; }
    public int PreviousNeutropeniaInterruptions { get; init; }
#pragma warning disable CA1707 // The wire name fever38_5C (API.md) carries the temperature in its name.
    public bool Fever38_5C { get; init; }
#pragma warning restore CA1707
    public int AncBelow500ForDays { get; init; }
    public int AncBelow1000ForDays { get; init; }
    public bool PlateletTransfusionDependent { get; init; }
    public bool OtherDoseLimitingToxicity { get; init; }
    public int MaintenanceCyclesCompleted { get; init; }

    /// <summary>Cycles given so far (the maximum course length of FL and MZL reads it).</summary>
    public int? CyclesCompleted { get; init; }
    public bool TransplantCandidate { get; init; }
}

public sealed record Regimen
{
    public DexamethasoneDose Dexamethasone { get; init; } = DexamethasoneDose.None;
    public bool Doxorubicin { get; init; }
    public bool MultiagentChemotherapy { get; init; }
    public bool Melphalan { get; init; }
    public bool Rituximab { get; init; }
}

public sealed record Cytogenetics
{
    /// <summary>Null when not sent: left out it contradicts no indication (API.md), sent as false it does for mdsDel5q.</summary>
    public bool? Del5q { get; init; }
    public bool Monosomy7 { get; init; }
    public bool Tp53Mutation { get; init; }
}

public sealed record History
{
    public bool LenalidomideHypersensitivity { get; init; }
    public bool SevereSkinReactionToThalidomide { get; init; }
}
