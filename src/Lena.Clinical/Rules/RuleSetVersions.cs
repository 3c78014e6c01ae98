using System.Text.RegularExpressions;

namespace Lena.Clinical.Rules;

/// <summary>
/// The shape of a rule-set version id, checked wherever one arrives (a rule set, an activation, a
/// URL): it becomes part of a Table Storage key, so it never holds / \ # ? or control characters.
/// </summary>
public static partial class RuleSetVersions
{
    public const string Requirement = "must be 1–32 characters of letters, digits, '.', '_' or '-' (for example 2026.11.2).";

    public static bool IsValid(string? version) => version is not null && Pattern().IsMatch(version);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
