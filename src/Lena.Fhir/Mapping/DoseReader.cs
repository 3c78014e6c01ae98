using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>Dose and timing from dosageInstruction[0]: mg per administration, and how often.</summary>
internal static class DoseReader
{
    /// <summary>mg per administration: doseQuantity in mg, or a count of {capsule} or {tablet} × the strength of the coded product.</summary>
    public static double? DoseMg(MedicationRequest request, double? capsuleStrengthMg, out string? why)
    {
        why = null;
        var dosage = request.DosageInstruction.FirstOrDefault();
        if (dosage?.DoseAndRate.FirstOrDefault()?.Dose is not Quantity quantity || FhirValues.Decimal(quantity.ValueElement) is not { } value)
        {
            why = "no dosageInstruction[0].doseAndRate[0].doseQuantity";
            return null;
        }

        var unit = quantity.System == FhirSystems.Ucum || quantity.System is null ? quantity.Code ?? quantity.Unit : null;
        switch (unit)
        {
            case "mg":
                return (double)value;
            case "{capsule}" or "{Capsule}" or "{tablet}" or "{Tablet}" when capsuleStrengthMg is { } strength:
                return (double)value * strength;
            case "{capsule}" or "{Capsule}" or "{tablet}" or "{Tablet}":
                why = "a capsule or tablet count, but the medication is not coded with a single-ingredient strength (RxNorm SCD/SBD)";
                return null;
            default:
                why = $"doseQuantity unit '{unit ?? quantity.Unit ?? "(none)"}' (send UCUM mg, or {{capsule}}/{{tablet}} with an RxNorm capsule or tablet code)";
                return null;
        }
    }

    /// <summary>"daily" for 1 per 1 d, "every48Hours" for 1 per 2 d, else null.</summary>
    public static string? Frequency(MedicationRequest request)
    {
        var repeat = request.DosageInstruction.FirstOrDefault()?.Timing?.Repeat;
        if (repeat is null || FhirValues.Integer(repeat.FrequencyElement) != 1 || FhirValues.Text(repeat.PeriodUnitElement) != "d")
        {
            return null;
        }

        return FhirValues.Decimal(repeat.PeriodElement) switch
        {
            1m => "daily",
            2m => "every48Hours",
            _ => null,
        };
    }

    /// <summary>Administrations in 28 days from timing.repeat (frequency per period, limited by count and boundsDuration).</summary>
    public static double? AdministrationsPer28Days(MedicationRequest request, out string? why)
    {
        why = null;
        var repeat = request.DosageInstruction.FirstOrDefault()?.Timing?.Repeat;
        var frequency = FhirValues.Integer(repeat?.FrequencyElement);
        var period = FhirValues.Decimal(repeat?.PeriodElement);
        var periodDays = FhirValues.Text(repeat?.PeriodUnitElement) switch
        {
            "h" => (double?)period / 24,
            "d" => (double?)period,
            "wk" => (double?)period * 7,
            _ => null,
        };
        if (frequency is null || periodDays is not > 0)
        {
            why = "no timing.repeat frequency with period and periodUnit h, d or wk";
            return null;
        }

        var days = 28.0;
        if (repeat!.Bounds is Duration duration && FhirValues.Decimal(duration.ValueElement) is { } length)
        {
            var lengthDays = (duration.Code ?? duration.Unit) switch
            {
                "d" => (double?)length,
                "wk" => (double?)length * 7,
                _ => null,
            };
            if (lengthDays is null)
            {
                why = "a boundsDuration not in d or wk";
                return null;
            }

            days = Math.Min(days, lengthDays.Value);
        }

        var administrations = frequency.Value * days / periodDays.Value;
        if (FhirValues.Integer(repeat.CountElement) is { } count)
        {
            administrations = Math.Min(administrations, count);
        }

        return administrations;
    }

    /// <summary>timing boundsPeriod.start, else authoredOn.</summary>
    public static DateOnly? StartDate(MedicationRequest request) =>
        PlannedStart(request) ?? FhirValues.Date(FhirValues.Text(request.AuthoredOnElement));

    /// <summary>timing boundsPeriod.start only: when a draft order says nothing, therapy starts today, not when it was authored.</summary>
    public static DateOnly? PlannedStart(MedicationRequest request) =>
        FhirValues.Date(request.DosageInstruction.FirstOrDefault()?.Timing?.Repeat?.Bounds as Period);
}
