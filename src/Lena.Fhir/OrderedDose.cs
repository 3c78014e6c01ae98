namespace Lena.Fhir;

/// <summary>The dose of the draft order. <paramref name="Frequency"/>: "daily", "every48Hours", or null when the timing is neither.</summary>
public sealed record OrderedDose(double DoseMg, string? Frequency, string Resource);
