namespace Lena.Clinical.Findings;

/// <summary>
/// Which evaluators stated a finding (a finding merged across concerns keeps them all). Consumers route by it —
/// a CDS card is a lookup, never a second evaluation or a match on citation text. Never serialised.
/// </summary>
[Flags]
public enum FindingOrigins
{
    None = 0,
    Dosing = 1,
    Monitoring = 2,
    VteProphylaxis = 4,
    Contraindications = 8,

    /// <summary>REMS duties (contraindication rules whose topic is REMS).</summary>
    Rems = 16,
}
