using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// AllergyIntolerance: lenalidomide hypersensitivity into the snapshot; thalidomide-class and prophylaxis-drug
/// (aspirin, heparins, warfarin, DOACs) allergies, which the snapshot has no field for, as non-blocking problems on
/// the cards they change, so no advice names a drug the patient is recorded as allergic to without saying so.
/// Coded by RxNorm, whatever the term type; a drug allergy coded otherwise is named as not read.
/// </summary>
internal static class AllergyMapper
{
    private static readonly HashSet<string> Ignored = ["refuted", "entered-in-error"];
    private static readonly HashSet<string> Over = ["inactive", "resolved"];

    public static void Map(MappingContext context)
    {
        foreach (var allergy in context.Allergies.Where(a => !IsRefuted(a)))
        {
            var over = IsOver(allergy);
            var reference = FhirValues.Reference(allergy);
            var codes = (allergy.Code?.Coding ?? []).Where(c => c.System == FhirSystems.RxNorm && c.Code is not null).Select(c => c.Code!).ToList();
            var ingredients = codes.SelectMany(c => RxNormIngredients.Of(c).Select(i => (Ingredient: i, Code: c))).ToList();
            if (ingredients.Count == 0)
            {
                if (!over)
                {
                    NotRead(context, allergy, reference);
                }

                continue;
            }

            var date = FhirValues.Date(FhirValues.Text(allergy.RecordedDateElement));
            var how = Describe(allergy);
            // A lenalidomide hypersensitivity counts even when marked resolved (as before); the others only while current.
            foreach (var (ingredient, code) in ingredients.DistinctBy(i => i.Ingredient).Where(i => !over || i.Ingredient == RxNormIngredients.Lenalidomide))
            {
                if (ingredient == RxNormIngredients.Lenalidomide)
                {
                    if (!context.Has("history.lenalidomideHypersensitivity"))
                    {
                        context.Use("history.lenalidomideHypersensitivity", true, reference, date, $"RxNorm {code}");
                    }
                }
                else if (ingredient == RxNormIngredients.Thalidomide)
                {
                    context.Problem("history.severeSkinReactionToThalidomide", FhirProblemKind.NotInFhir,
                        $"{reference} records {how} to thalidomide (RxNorm {code}), a drug of the same class as lenalidomide. Whether it was a severe skin reaction (Stevens–Johnson syndrome, toxic epidermal necrolysis, DRESS) cannot be read from FHIR: check it before signing; after such a reaction lenalidomide should not be given.",
                        blocking: false, serverCouldResolve: false, reference);
                }
                else if (RxNormIngredients.ProphylaxisDrugClass(ingredient) is { } drugClass)
                {
                    context.Problem("concomitantMedications", FhirProblemKind.NotInFhir,
                        $"{reference} records {how} to {ingredient} (RxNorm {code}; {drugClass}). The thromboprophylaxis advice does not know it: do not give {drugClass} unless the allergy allows, and choose another agent.",
                        blocking: false, serverCouldResolve: false, reference);
                }
            }
        }
    }

    private static bool IsRefuted(AllergyIntolerance allergy) =>
        allergy.VerificationStatus?.Coding.Any(c => c.Code is not null && Ignored.Contains(c.Code)) == true;

    private static bool IsOver(AllergyIntolerance allergy) =>
        allergy.ClinicalStatus?.Coding.Any(c => c.Code is not null && Over.Contains(c.Code)) == true;

    /// <summary>A medication allergy we cannot read could be to a drug the advice names; it is listed, not guessed.</summary>
    private static void NotRead(MappingContext context, AllergyIntolerance allergy, string reference)
    {
        var isMedication = allergy.CategoryElement.Any(c => FhirValues.Text(c) == "medication");
        var rxnorm = allergy.Code?.Coding.Any(c => c.System == FhirSystems.RxNorm) == true;
        if (!isMedication || rxnorm)
        {
            return; // food and environment allergies do not concern the advice; an RxNorm drug we do not read does not either
        }

        var coding = allergy.Code?.Coding.FirstOrDefault();
        var what = coding is null ? "no coding" : $"{FhirSystems.Label(coding.System)} {coding.Code}";
        context.Problem("history", FhirProblemKind.Invalid,
            $"{reference} is a medication allergy coded as {what} ('{allergy.Code?.Text ?? coding?.Display ?? "no text"}'), not in RxNorm, so it was not read. If it concerns lenalidomide, thalidomide, aspirin, a heparin or an anticoagulant, judge the advice with it in mind.",
            blocking: false, serverCouldResolve: false, reference);
    }

    private static string Describe(AllergyIntolerance allergy)
    {
        var type = FhirValues.Text(allergy.TypeElement) == "intolerance" ? "an intolerance" : "an allergy";
        var criticality = FhirValues.Text(allergy.CriticalityElement) is { } c and not "unable-to-assess" ? $" (criticality {c})" : string.Empty;
        var severity = allergy.Reaction.Select(r => FhirValues.Text(r.SeverityElement)).FirstOrDefault(s => s is not null) is { } s ? $", reaction {s}" : string.Empty;
        return type + criticality + severity;
    }
}
