namespace Lena.Clinical.Rules;

/// <summary>
/// The pharmacist's checks before each cycle that are not counts or creatinine: liver tests, haemoglobin on an ESA,
/// REMS pregnancy testing. Numbers and texts are data; the evaluators apply them.
/// </summary>
public sealed record SafetyChecks
{
    public required HepatotoxicityRule Hepatotoxicity { get; init; }
    public required EsaHemoglobinRule EsaHemoglobin { get; init; }

    /// <summary>A required pregnancy test is missing or overdue (the monitoring series date the tests and their windows).</summary>
    public required FindingTemplate PregnancyTestRequired { get; init; }
}

/// <summary>Liver values above these multiples of the upper limit of normal interrupt lenalidomide.</summary>
public sealed record HepatotoxicityRule
{
    public required double AltTimesUpperLimitAbove { get; init; }
    public required double AstTimesUpperLimitAbove { get; init; }
    public required double BilirubinTimesUpperLimitAbove { get; init; }

    /// <summary>The interrupt finding; its message carries the label's advice (stop; after return to baseline a lower dose may be considered).</summary>
    public required FindingTemplate Finding { get; init; }

    /// <summary>No liver tests sent past the interval the monitoring series give.</summary>
    public required FindingTemplate TestsDue { get; init; }
}

/// <summary>With an erythropoiesis-stimulating agent, haemoglobin above this gives a warning (stop the ESA).</summary>
public sealed record EsaHemoglobinRule
{
    public required double AboveGPerDl { get; init; }
    public required FindingTemplate Finding { get; init; }
}
