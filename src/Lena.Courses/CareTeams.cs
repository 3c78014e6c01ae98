using System.Text.RegularExpressions;

namespace Lena.Courses;

/// <summary>Care team ids: opaque, with the syntax of <c>patientId</c> (1–64 of A–Z, a–z, 0–9, _ and -).</summary>
public static partial class CareTeams
{
    public const string Default = "default";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
