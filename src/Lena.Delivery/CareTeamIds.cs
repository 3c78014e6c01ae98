using System.Text.RegularExpressions;

namespace Lena.Delivery;

/// <summary>A care team id: opaque, the syntax of <c>patientId</c> (API.md); <c>default</c> when a course names none.</summary>
public static partial class CareTeamIds
{
    public const string Default = "default";

    public const string Rule = "must be an opaque id of 1–64 characters from A–Z, a–z, 0–9, _ and -.";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
