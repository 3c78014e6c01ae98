using Lena.Clinical.Findings;

namespace Lena.CdsHooks.Cards;

/// <summary>The card urgency values of CDS Hooks 2.0 (written as info, warning, critical).</summary>
public enum CardIndicator
{
    Info,
    Warning,
    Critical,
}

public static class CardIndicators
{
    public static CardIndicator From(Severity severity) => severity switch
    {
        Severity.Critical => CardIndicator.Critical,
        Severity.Warning => CardIndicator.Warning,
        _ => CardIndicator.Info,
    };

    public static CardIndicator Max(CardIndicator a, CardIndicator b) => a >= b ? a : b;
}
