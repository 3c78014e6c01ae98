using Lena.Clinical.Contract;

namespace LenaFunctions.Http;

/// <summary>
/// Limits on free-text fields that end up in Table Storage, checked at the edge so storage never
/// refuses a write (a string property holds at most 64 KiB, i.e. 32K UTF-16 characters; keys
/// may not hold / \ # ? or control characters). Ours are far tighter: they are audit fields.
/// </summary>
public static class TextLimits
{
    /// <summary>Table Storage's limit on one string property (64 KiB of UTF-16).</summary>
    public const int TablePropertyChars = 32 * 1024;

    /// <summary>Who: an admin's or clinician's name or id.</summary>
    public const int NameChars = 200;

    /// <summary>Why: a sentence or a short paragraph.</summary>
    public const int ReasonChars = 2000;

    /// <summary>Checks one required text field; <paramref name="purpose"/> says why it is needed.</summary>
    public static void Require(ValidationErrors errors, string path, string? value, int maxChars, string purpose)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, $"must not be empty: {purpose}");
            return;
        }

        Check(errors, path, value, maxChars);
    }

    /// <summary>Checks an optional text field (null is fine).</summary>
    public static void Check(ValidationErrors errors, string path, string? value, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            return;
        }

        if (value.Length > maxChars)
        {
            errors.Add(path, $"has {value.Length} characters; send at most {maxChars}.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(path, "must not contain control characters (other than line breaks and tabs).");
        }
    }
}
