using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<DoseAdministration>))]
public enum DoseAdministration
{
    AfterDialysisOnDialysisDays,
}

/// <summary>A dose as prescribed: amount, how often, and on which days of the cycle.</summary>
public sealed record DoseSpec
{
    public required double DoseMg { get; init; }
    public DoseFrequency Frequency { get; init; } = DoseFrequency.Daily;

    /// <summary>Null means the indication's own schedule.</summary>
    public DoseSchedule? Schedule { get; init; }
    public DoseAdministration? Administration { get; init; }
}
