using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// Sex, age and the Patient extensions. Only the age leaves this class: never the birth date, a name or an
/// identifier (API.md has no direct identifiers anywhere).
/// </summary>
internal static class PatientMapper
{
    public static void Map(MappingContext context, DateOnly? creatinineDate)
    {
        var patients = context.Record.Patients;
        if (patients.Count > 1)
        {
            context.Problem("sex", FhirProblemKind.Ambiguous,
                $"The documents hold {patients.Count} different Patient resources ({string.Join(", ", patients.Select(FhirValues.Reference))}); send the data of one patient only.",
                blocking: true, serverCouldResolve: false);
            return;
        }

        if (context.Record.Patient is not { } patient)
        {
            context.Problem("sex", FhirProblemKind.Missing,
                "No Patient resource: send the Patient (gender or US Core birth sex, birthDate, and the femaleOfReproductivePotential extension for a female).",
                blocking: true, serverCouldResolve: true);
            return;
        }

        var reference = FhirValues.Reference(patient);
        var sex = MapSex(context, patient, reference);
        MapAge(context, patient, reference, creatinineDate);
        if (sex == "female")
        {
            MapFlag(context, patient, LenaFhirExtensions.FemaleOfReproductivePotential, "femaleOfReproductivePotential", required: true,
                "true unless she is postmenopausal (no menses for 24 consecutive months) or has had a hysterectomy or bilateral oophorectomy; it is never inferred from gender or age");
            MapFlag(context, patient, LenaFhirExtensions.IrregularMenstrualCycles, "irregularMenstrualCycles", required: false, null);
            MapFlag(context, patient, LenaFhirExtensions.Breastfeeding, "breastfeeding", required: false, null);
        }

        MapFlag(context, patient, LenaFhirExtensions.TransplantCandidate, "therapy.transplantCandidate", required: false, null);
        MapFlag(context, patient, LenaFhirExtensions.CytogeneticsDel5q, "cytogenetics.del5q", required: false, null);
        MapFlag(context, patient, LenaFhirExtensions.CytogeneticsMonosomy7, "cytogenetics.monosomy7", required: false, null);
        MapFlag(context, patient, LenaFhirExtensions.CytogeneticsTp53Mutation, "cytogenetics.tp53Mutation", required: false, null);
    }

    private static string? MapSex(MappingContext context, Patient patient, string reference)
    {
        var birthSex = FhirValues.Extension(patient, FhirSystems.UsCoreBirthSex)?.Value as PrimitiveType;
        var fromBirthSex = FhirValues.Text(birthSex) switch
        {
            "F" => "female",
            "M" => "male",
            _ => null,
        };
        if (fromBirthSex is not null)
        {
            context.Use("sex", fromBirthSex, reference, null, "US Core birth sex", sourceValue: FhirValues.Text(birthSex));
            return fromBirthSex;
        }

        var gender = FhirValues.Text(patient.GenderElement);
        if (gender is "female" or "male")
        {
            context.Use("sex", gender, reference, null, "Patient.gender", sourceValue: gender);
            return gender;
        }

        context.Problem("sex", FhirProblemKind.Invalid,
            $"{reference} has gender '{gender ?? "(none)"}' and no US Core birth sex F/M; sex (female or male) is required for dosing and Cockcroft–Gault. Send the us-core-birthsex extension (valueCode F or M).",
            blocking: true, serverCouldResolve: false, reference);
        return null;
    }

    private static void MapAge(MappingContext context, Patient patient, string reference, DateOnly? creatinineDate)
    {
        if (FhirValues.Date(FhirValues.Text(patient.BirthDateElement)) is not { } birthDate)
        {
            context.Problem("ageYears", FhirProblemKind.Missing,
                $"{reference} has no full birthDate (yyyy-MM-dd); age is needed for Cockcroft–Gault. Send Patient.birthDate.",
                blocking: false, serverCouldResolve: true, reference);
            return;
        }

        var basis = creatinineDate ?? context.Today;
        var age = basis.Year - birthDate.Year - (basis < birthDate.AddYears(basis.Year - birthDate.Year) ? 1 : 0);
        var why = creatinineDate is null ? "today" : "the date of the serum creatinine used";
        context.Use("ageYears", age, reference, basis, null, sourceValue: $"whole years on {FhirValues.Format(basis)} ({why})");
    }

    private static void MapFlag(MappingContext context, Patient patient, string url, string field, bool required, string? meaning)
    {
        var reference = FhirValues.Reference(patient);
        var extension = FhirValues.Extension(patient, url);
        if (extension is not null && FhirValues.Boolean(extension.Value) is { } value)
        {
            context.Use(field, JsonValue.Create(value), reference, null, url, sourceValue: value ? "true" : "false");
            return;
        }

        if (extension is not null)
        {
            context.Problem(field, FhirProblemKind.Invalid,
                $"{reference} has extension {url} without a valueBoolean; send valueBoolean true or false.",
                blocking: required, serverCouldResolve: false, reference);
            return;
        }

        if (required)
        {
            context.Problem(field, FhirProblemKind.NotInFhir,
                $"{field} is required for a female patient and FHIR R4 has no standard element for it: add to {reference} the extension {url} with valueBoolean ({meaning}).",
                blocking: true, serverCouldResolve: false, reference);
        }
    }
}
