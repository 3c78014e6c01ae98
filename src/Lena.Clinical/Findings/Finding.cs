using System.Text.Json.Serialization;

namespace Lena.Clinical.Findings;

/// <summary>One statement the service makes about the patient, always with its sources.</summary>
public sealed record Finding(string Code, Severity Severity, string Message, IReadOnlyList<Citation> Citations)
{
    /// <summary>The evaluators that stated it; routing data for consumers, not part of the response.</summary>
    [JsonIgnore]
    public FindingOrigins Origins { get; init; }
}
