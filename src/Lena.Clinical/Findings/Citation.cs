using System.Text.Json.Serialization;

namespace Lena.Clinical.Findings;

/// <summary>Where a finding comes from: a source and, where it has one, the section title.</summary>
public sealed record Citation(
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Section = null);
