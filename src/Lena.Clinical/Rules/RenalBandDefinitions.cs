using Lena.Clinical.Findings;

namespace Lena.Clinical.Rules;

/// <summary>
/// The creatinine-clearance bands, as half-open ranges [min, max) in mL/min; dialysis is its own band.
/// The validator refuses gaps and overlaps.
/// </summary>
public sealed record RenalBandDefinitions
{
    public required IReadOnlyList<RenalBandRange> Ranges { get; init; }
    public required string DialysisBand { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
}

public sealed record RenalBandRange
{
    public required string Band { get; init; }
    public required double MinMlPerMin { get; init; }

    /// <summary>Exclusive upper bound; null for the open top band.</summary>
    public double? MaxMlPerMin { get; init; }

    /// <summary>True for the band that needs no adjustment.</summary>
    public bool Unadjusted { get; init; }

    public bool Contains(double crCl) => crCl >= MinMlPerMin && (MaxMlPerMin is null || crCl < MaxMlPerMin);
}
