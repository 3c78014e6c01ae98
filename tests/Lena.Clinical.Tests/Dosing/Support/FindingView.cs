using System.Text.Json;

namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>One finding of a response: its stable code, severity and the sources it cites.</summary>
internal sealed record FindingView(string Code, string Severity, IReadOnlyList<string> CitedSources)
{
    public static FindingView From(JsonElement finding) => new(
        finding.GetProperty("code").GetString()!,
        finding.GetProperty("severity").GetString()!,
        finding.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array
            ? citations.EnumerateArray().Select(c => c.GetProperty("source").GetString() ?? string.Empty).ToList()
            : []);
}
