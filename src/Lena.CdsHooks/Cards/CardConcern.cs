namespace Lena.CdsHooks.Cards;

/// <summary>What a card is about; also its <c>source.topic</c> code, so an EHR can file cards by concern.</summary>
public enum CardConcern
{
    Dose,
    Hold,
    Vte,
    Contraindications,
    Rems,
    MissingData,
}

public static class CardConcerns
{
    public const string TopicSystem = "https://lenafunctions.example.org/fhir/CodeSystem/card-topic";

    public static string Code(CardConcern concern) => concern switch
    {
        CardConcern.Dose => "dose",
        CardConcern.Hold => "hold",
        CardConcern.Vte => "vte",
        CardConcern.Contraindications => "contraindications",
        CardConcern.Rems => "rems",
        _ => "missing-data",
    };

    public static string Display(CardConcern concern) => concern switch
    {
        CardConcern.Dose => "Lenalidomide dose",
        CardConcern.Hold => "Lenalidomide hold",
        CardConcern.Vte => "Thromboprophylaxis",
        CardConcern.Contraindications => "Contraindications and warnings",
        CardConcern.Rems => "Lenalidomide REMS",
        _ => "Data needed for lenalidomide advice",
    };

    /// <summary>Whether a card of <paramref name="concern"/> shows inputs and problems of <paramref name="field"/>.</summary>
    public static bool Covers(CardConcern concern, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach (var prefix in InputFields(concern))
        {
            // field is the prefix itself, or below it ("renal.x", "labs[0]"); no string is built (issue 15: the
            // cards ask this for every input and problem, several times a call).
            if (field.StartsWith(prefix, StringComparison.Ordinal)
                && (field.Length == prefix.Length || field[prefix.Length] is '.' or '['))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any card covers <paramref name="field"/>; problems no card covers (a resource that could not be read) go on the dose or hold card.</summary>
    public static bool AnyCovers(string field) => Array.Exists(All, concern => Covers(concern, field));

    /// <summary>The snapshot fields (path prefixes) whose inputs a card of this concern shows.</summary>
    public static IReadOnlyList<string> InputFields(CardConcern concern) => concern switch
    {
        CardConcern.Dose or CardConcern.Hold => DoseInputs,
        CardConcern.Vte => VteInputs,
        CardConcern.Contraindications => ContraindicationInputs,
        CardConcern.Rems => RemsInputs,
        _ => [],
    };

    private static readonly CardConcern[] All = Enum.GetValues<CardConcern>();

    private static readonly string[] DoseInputs = ["indication", "sex", "ageYears", "weightKg", "renal", "labs", "therapy", "cytogenetics"];

    private static readonly string[] VteInputs = ["indication", "weightKg", "heightCm", "regimen", "vteRiskFactors", "concomitantMedications", "renal"];

    private static readonly string[] ContraindicationInputs =
        ["indication", "pregnant", "pregnancyTest", "breastfeeding", "history", "cytogenetics", "concomitantMedications", "regimen", "therapy.transplantCandidate"];

    private static readonly string[] RemsInputs = ["sex", "femaleOfReproductivePotential", "irregularMenstrualCycles", "pregnant", "pregnancyTest"];
}
