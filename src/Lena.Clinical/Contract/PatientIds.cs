using System.Text.RegularExpressions;

namespace Lena.Clinical.Contract;

/// <summary>The opaque pseudonym rule: it can never hold a name, a date or free text.</summary>
public static partial class PatientIds
{
    public const string Rule = "must be an opaque pseudonym of 1–64 characters from A–Z, a–z, 0–9, _ and -; never a name, birth date or record number.";

    public static bool IsValid(string value) => Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
