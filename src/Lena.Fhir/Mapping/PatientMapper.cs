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
                "No Patient resource: send the Patient (its sex as us-core-sex, patient-sexParameterForClinicalUse or gender; birthDate; and the femaleOfReproductivePotential extension for a female).",
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

    /// <summary>One statement of the patient's sex: where it is, what it says (female/male, or null when unreadable), as found.</summary>
    private sealed record SexStatement(string Source, string? Sex, string? SourceValue);

    /// <summary>
    /// Sex for dosing and Cockcroft–Gault, from the most specific statement present: patient-sexParameterForClinicalUse
    /// (female-typical/male-typical, meant for exactly this), US Core 8 us-core-sex (SNOMED CT female/male), the older
    /// us-core-birthsex (F/M), then Patient.gender. A disagreeing statement is named, never silently dropped.
    /// </summary>
    private static string? MapSex(MappingContext context, Patient patient, string reference)
    {
        var statements = Statements(context, patient).ToList();
        var used = statements.FirstOrDefault(s => s.Sex is not null);
        if (used is null)
        {
            var found = statements.Count == 0 ? "no gender, us-core-sex or sex parameter for clinical use" : string.Join("; ", statements.Select(s => $"{s.Source} '{s.SourceValue ?? "(none)"}'"));
            context.Problem("sex", FhirProblemKind.Invalid,
                $"{reference} has {found}; sex (female or male) is required for dosing and Cockcroft–Gault. Send the US Core 8 extension us-core-sex (valueCoding SNOMED CT 248152002 female or 248153007 male) or, for clinical use, patient-sexParameterForClinicalUse (value female-typical or male-typical), or Patient.gender.",
                blocking: true, serverCouldResolve: false, reference);
            return null;
        }

        context.Use("sex", used.Sex!, reference, null, used.Source, sourceValue: used.SourceValue);
        foreach (var other in statements.Where(s => s.Sex is not null && s.Sex != used.Sex))
        {
            context.Problem("sex", FhirProblemKind.Ambiguous,
                $"{reference}: {used.Source} says {used.Sex} and was used (it is the one meant for clinical use); {other.Source} says {other.Sex}. Check that {used.Sex} reference values are right for this patient.",
                blocking: false, serverCouldResolve: false, reference);
        }

        return used.Sex;
    }

    /// <summary>
    /// The sexes the Patient's readable statements give (distinct, without reporting anything): <see cref="DataAge"/>
    /// uses the female Cockcroft–Gault factor unless they all say male.
    /// </summary>
    internal static IReadOnlyList<string> StatedSexes(MappingContext context, Patient patient) =>
        Statements(context, patient).Where(s => s.Sex is not null).Select(s => s.Sex!).Distinct().ToList();

    private static IEnumerable<SexStatement> Statements(MappingContext context, Patient patient)
    {
        foreach (var parameter in patient.Extension.Where(e => e.Url == SexCodes.SexParameterForClinicalUse).Where(e => IsCurrent(context, e)))
        {
            var value = parameter.Extension.FirstOrDefault(e => e.Url == "value")?.Value as CodeableConcept;
            var coding = value?.Coding.FirstOrDefault(c => c.System == SexCodes.SexParameterSystem) ?? value?.Coding.FirstOrDefault();
            yield return new SexStatement("patient-sexParameterForClinicalUse", SexCodes.FromSexParameter(coding?.System, coding?.Code), coding?.Code ?? value?.Text);
        }

        if (FhirValues.Extension(patient, SexCodes.UsCoreSex) is { } usCoreSex)
        {
            var (system, code) = usCoreSex.Value switch
            {
                Coding coding => (coding.System, coding.Code),
                Code valueCode => (null, FhirValues.Text(valueCode)),
                _ => (null, null),
            };
            yield return new SexStatement("US Core sex", SexCodes.FromUsCoreSex(system, code), code);
        }

        if (FhirValues.Extension(patient, FhirSystems.UsCoreBirthSex)?.Value is PrimitiveType birthSex)
        {
            yield return new SexStatement("US Core birth sex", SexCodes.FromBirthSex(FhirValues.Text(birthSex)), FhirValues.Text(birthSex));
        }

        if (FhirValues.Text(patient.GenderElement) is { } gender)
        {
            yield return new SexStatement("Patient.gender", gender is "female" or "male" ? gender : null, gender);
        }
    }

    /// <summary>A sex parameter applies unless its period has ended before today.</summary>
    private static bool IsCurrent(MappingContext context, Extension parameter) =>
        parameter.Extension.FirstOrDefault(e => e.Url == "period")?.Value is not Period period
        || FhirValues.Date(FhirValues.Text(period.EndElement)) is not { } end
        || end >= context.Today;

    /// <summary>Not after today and at most 130 years back (ageYears is 18–120; older dates are data errors).</summary>
    internal static bool IsPlausibleBirthDate(MappingContext context, DateOnly birthDate) =>
        birthDate <= context.Today && birthDate >= context.Today.AddYears(-130);

    private static void MapAge(MappingContext context, Patient patient, string reference, DateOnly? creatinineDate)
    {
        if (FhirValues.Date(FhirValues.Text(patient.BirthDateElement)) is not { } birthDate)
        {
            context.Problem("ageYears", FhirProblemKind.Missing,
                $"{reference} has no full birthDate (yyyy-MM-dd); age is needed for Cockcroft–Gault. Send Patient.birthDate.",
                blocking: false, serverCouldResolve: true, reference);
            return;
        }

        // A birth date after today or more than 130 years back is a data error (the API's ageYears is 18–120): named
        // as the Patient's, never turned into an implausible age.
        if (!IsPlausibleBirthDate(context, birthDate))
        {
            context.Problem("ageYears", FhirProblemKind.Invalid,
                $"{reference} has birthDate {FhirValues.Format(birthDate)}, {(birthDate > context.Today ? "after today" : "more than 130 years ago")} ({FhirValues.Format(context.Today)}); age was not computed. Correct Patient.birthDate.",
                blocking: false, serverCouldResolve: false, reference);
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
