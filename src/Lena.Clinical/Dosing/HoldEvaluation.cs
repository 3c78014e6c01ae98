using Lena.Clinical.Rules;

namespace Lena.Clinical.Dosing;

/// <summary>A hold rule that fired on today's counts, with the count that fired it.</summary>
internal sealed record FiredHold(HoldRule Rule, int Count);

/// <summary>Which hold rules fired, and which apply to the patient's phase and baseline at all.</summary>
internal sealed record HoldEvaluation(IReadOnlyList<FiredHold> Fired, IReadOnlyList<HoldRule> Applicable)
{
    public bool AnyFired => Fired.Count > 0;

    public bool HasFired(Analyte analyte) => Fired.Any(f => f.Rule.Analyte == analyte);
}
