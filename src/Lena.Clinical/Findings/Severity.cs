namespace Lena.Clinical.Findings;

/// <summary>Ordered from least to most severe, so a comparison picks the worse one.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}
