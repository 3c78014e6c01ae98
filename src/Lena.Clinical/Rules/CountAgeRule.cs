using System.Text.Json.Serialization;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>
/// The oldest counts a decision may rest on in one phase of therapy: the CBC interval in force there plus a
/// grace. A start, continue or resume on older counts is deferred until new counts are sent.
/// </summary>
public sealed record CountAgeRule
{
    public required string Id { get; init; }

    /// <summary>Null: every indication.</summary>
    public IReadOnlyList<Indication>? Indications { get; init; }
    public required IReadOnlyList<TherapyStatus> Statuses { get; init; }

    /// <summary>The phase by day of therapy (<see cref="Derived.TherapyPhase"/>), from inclusive, to exclusive (null: open).</summary>
    public int FromDay { get; init; }
    public int? ToDay { get; init; }

    /// <summary>The CBC interval in force in this phase, in days.</summary>
    public required int IntervalDays { get; init; }

    /// <summary>Days beyond the interval before counts count as outdated (a reading; see the rule set's description).</summary>
    public required int GraceDays { get; init; }

    /// <summary>What the interval is, in words ("weekly CBC in the first 8 weeks").</summary>
    public required string Basis { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>Derived, never written: the data holds its two parts, so a reviewer sees where the number comes from.</summary>
    [JsonIgnore]
    public int MaxAgeDays => IntervalDays + GraceDays;

    public bool AppliesTo(Indication indication, TherapyStatus status, int day) =>
        (Indications is null || Indications.Contains(indication))
        && Statuses.Contains(status)
        && day >= FromDay && (ToDay is null || day < ToDay);
}
