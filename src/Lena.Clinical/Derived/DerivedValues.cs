using System.Text.Json.Serialization;

namespace Lena.Clinical.Derived;

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<CreatinineClearanceSource>))]
public enum CreatinineClearanceSource
{
    /// <summary>The caller sent creatinine clearance.</summary>
    Reported,

    /// <summary>Computed from serum creatinine, age, weight and sex.</summary>
    CockcroftGault,
}

/// <summary>Values the service computed from the snapshot, shown so a clinician can check them.</summary>
public sealed record DerivedValues
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CreatinineClearanceMlPerMin { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CreatinineClearanceSource? CreatinineClearanceSource { get; init; }

    /// <summary>Both renal inputs sent: the clearance as reported (the lower of the two is the one used).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReportedCreatinineClearanceMlPerMin { get; init; }

    /// <summary>Both renal inputs sent: the Cockcroft–Gault clearance from serum creatinine.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CockcroftGaultCreatinineClearanceMlPerMin { get; init; }

    /// <summary>The renal band of the rule set the patient falls in (e.g. crCl30To59, dialysis).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RenalBand { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BodyMassIndexKgPerM2 { get; init; }
}
