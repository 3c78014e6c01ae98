using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<DoseAction>))]
public enum DoseAction
{
    Start,
    Continue,
    Interrupt,
    Resume,
    Defer,
    NotRecommended,
}

/// <summary>The <c>dose</c> part of a Dosing response (API.md).</summary>
public sealed record DoseRecommendation
{
    public required DoseAction Action { get; init; }

    /// <summary>Null for interrupt, defer and notRecommended.</summary>
    public double? DoseMg { get; init; }
    public DoseFrequency? Frequency { get; init; }
    public DoseSchedule? Schedule { get; init; }
    public DoseAdministration? Administration { get; init; }

    /// <summary>0 is the indication's starting dose, −1 the next lower ladder step; for a hold, the level of the resume dose.</summary>
    public int? DoseLevel { get; init; }

    /// <summary>With interrupt and defer: the counts to reach before dosing again.</summary>
    public ResumeCriteria? ResumeWhen { get; init; }

    /// <summary>With interrupt and defer: the dose to restart at once <see cref="ResumeWhen"/> is met.</summary>
    public double? ResumeDoseMg { get; init; }
}

/// <summary>Counts to reach before dosing again; null where that count is not a condition.</summary>
public sealed record ResumeCriteria(int? AncAtLeastPerMicroliter, int? PlateletsAtLeastPerMicroliter);
