namespace Lena.Clinical.Findings;

/// <summary>One statement the service makes about the patient, always with its sources.</summary>
public sealed record Finding(string Code, Severity Severity, string Message, IReadOnlyList<Citation> Citations);
