using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// ALT (LOINC 1742-6), AST (1920-8) and total bilirubin (1975-2) as multiples of the reporting laboratory's upper limit of
/// normal: the value ÷ referenceRange.high in the same unit. Without a reference range (or with another unit) there is no
/// multiple, and the value is a problem, never a guess at the laboratory's limit.
/// </summary>
internal static class LiverMapper
{
    private static readonly (LabConcept Concept, string Field)[] Tests =
    [
        (LabConcept.Alt, "altTimesUpperLimit"),
        (LabConcept.Ast, "astTimesUpperLimit"),
        (LabConcept.Bilirubin, "bilirubinTimesUpperLimit"),
    ];

    public static void Map(MappingContext context)
    {
        var values = new List<(string Field, double Multiple, Observation Source, DateOnly Date, string Code)>();
        foreach (var (concept, field) in Tests)
        {
            if (ObservationMapper.Newest(context, concept) is not { } observation)
            {
                continue;
            }

            var reference = FhirValues.Reference(observation);
            var code = $"LOINC {ObservationMapper.LoincOf(observation, concept)}";
            var path = "liver." + field;
            if (ObservationMapper.DateOf(observation) is not { } date)
            {
                context.Problem(path, FhirProblemKind.Invalid, $"{reference} ({code}) has no date; it was not used. Send effectiveDateTime.", blocking: false, serverCouldResolve: false, reference);
                continue;
            }

            if (Multiple(observation) is not { } multiple)
            {
                context.Problem(path, FhirProblemKind.Missing,
                    $"{reference} ({code}) has no reference range with a high limit in the unit of its value, so its multiple of the upper limit of normal is unknown; it was not used (no limit is guessed). Send Observation.referenceRange.high in the same unit.",
                    blocking: false, serverCouldResolve: false, reference);
                continue;
            }

            values.Add((field, multiple, observation, date, code));
        }

        if (values.Count == 0)
        {
            return;
        }

        // The liver tests are only as recent as the oldest value sent with them.
        var oldest = values.MinBy(v => v.Date);
        context.Use("liver.takenOn", FhirValues.Format(oldest.Date), FhirValues.Reference(oldest.Source), oldest.Date, oldest.Code, sourceValue: "oldest of the liver tests used");
        foreach (var (field, multiple, source, date, code) in values)
        {
            context.Use("liver." + field, JsonValue.Create(Math.Round(multiple, 2)), FhirValues.Reference(source), date, code, sourceValue: "value ÷ referenceRange.high");
        }
    }

    private static double? Multiple(Observation observation)
    {
        if (observation.Value is not Quantity value || FhirValues.Decimal(value.ValueElement) is not { } number
            || observation.ReferenceRange.FirstOrDefault(r => r.High?.Value is not null) is not { High: { } high }
            || FhirValues.Decimal(high.ValueElement) is not { } limit || limit <= 0
            || !string.Equals(high.Code ?? high.Unit, value.Code ?? value.Unit, StringComparison.Ordinal))
        {
            return null;
        }

        return (double)(number / limit);
    }
}
