using System.Globalization;
using Hl7.Fhir.Model;

namespace Lena.Fhir.Reading;

/// <summary>
/// Reads primitive values without their typed accessors: after recoverable parsing a primitive may hold
/// a literal of the wrong kind, and the typed accessor (<c>Observation.Status</c>, <c>Quantity.Value</c>)
/// would throw. Wrong-kind values read as absent.
/// </summary>
internal static class FhirValues
{
    public static string? Text(PrimitiveType? primitive) => primitive?.JsonValue as string;

    public static decimal? Decimal(FhirDecimal? value) => value?.JsonValue is decimal d ? d : null;

    public static int? Integer(PrimitiveType? value) => value?.JsonValue is int i ? i : null;

    public static bool? Boolean(DataType? value) => value is FhirBoolean { JsonValue: bool b } ? b : null;

    /// <summary>The calendar date of a FHIR date/dateTime/instant literal; partial dates (2026-11) are unknown.</summary>
    public static DateOnly? Date(string? literal) =>
        literal is { Length: >= 10 } && DateOnly.TryParseExact(literal[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>
    /// The UTC calendar date of a dateTime literal that has a time and offset (a local date can be a day ahead of UTC:
    /// 2026-11-27T08:00+10:00 is 2026-11-26 in UTC); the literal's date otherwise.
    /// </summary>
    public static DateOnly? UtcDate(string? literal) =>
        literal is { Length: > 10 } && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.UtcDateTime)
            : Date(literal);

    public static DateOnly? Date(DataType? value) => value switch
    {
        FhirDateTime dateTime => Date(Text(dateTime)),
        Date date => Date(Text(date)),
        Period period => Date(Text(period.StartElement)),
        Instant { JsonValue: DateTimeOffset instant } => DateOnly.FromDateTime(instant.UtcDateTime),
        Instant instant => Date(Text(instant)),
        _ => null,
    };

    public static string Reference(Resource resource) => $"{resource.TypeName}/{resource.Id}";

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The extension with <paramref name="url"/> (by plain url, no resolution).</summary>
    public static Extension? Extension(DomainResource resource, string url) =>
        resource.Extension.FirstOrDefault(e => e.Url == url);
}
