namespace Lena.Fhir.Codes;

/// <summary>
/// What an RxNorm code contains, whatever its term type: a product, pack or form from the generated
/// <see cref="RxNormProducts"/> table (published value-set expansions, eng/terminology), or an ingredient
/// (IN/BN) code verified in the sources named on <see cref="RxNormCodes"/>.
/// </summary>
internal static class RxNormIngredients
{
    public const string Lenalidomide = "lenalidomide";
    public const string Thalidomide = "thalidomide";
    public const string Dexamethasone = "dexamethasone";

    /// <summary>Ingredient and brand-name codes → ingredient (sources on <see cref="RxNormCodes"/>).</summary>
    private static readonly Dictionary<string, string> IngredientCodes = new(StringComparer.Ordinal)
    {
        ["342369"] = Lenalidomide,
        ["337535"] = Lenalidomide, // Revlimid (BN)
        ["10432"] = Thalidomide, // CIBMTR post-HCT therapy value set
        ["3264"] = Dexamethasone,
        ["3407"] = "digoxin",
        ["11289"] = "warfarin",
        ["1364430"] = "apixaban",
        ["1114195"] = "rivaroxaban",
        ["1037042"] = "dabigatran",
        ["1599538"] = "edoxaban",
        ["67108"] = "enoxaparin",
        ["67109"] = "dalteparin",
        ["1191"] = "aspirin",
        ["1547545"] = "pembrolizumab",
        ["105694"] = "epoetin alfa",
        ["283838"] = "darbepoetin alfa",
        ["4083"] = "estradiol",
        ["4124"] = "ethinyl estradiol",
        ["4099"] = "estrogens, conjugated",
    };

    /// <summary>The hand-verified ingredient and brand-name codes, for tests and documentation.</summary>
    public static IReadOnlyDictionary<string, string> VerifiedIngredientCodes => IngredientCodes;

    private static readonly HashSet<string> Estrogens =
        ["estradiol", "ethinyl estradiol", "estrogens, conjugated", "estrogens, esterified", "estropipate", "mestranol"];

    /// <summary>The ingredients of <paramref name="rxnormCode"/> the mapping reads; empty when none is known.</summary>
    public static IReadOnlyList<string> Of(string rxnormCode) =>
        RxNormProducts.Table.TryGetValue(rxnormCode, out var product) ? product.Ingredients
        : IngredientCodes.TryGetValue(rxnormCode, out var ingredient) ? [ingredient]
        : [];

    /// <summary>The published product row of a code, or null (ingredient codes and unknown codes).</summary>
    public static RxNormProduct? Product(string rxnormCode) => RxNormProducts.Table.GetValueOrDefault(rxnormCode);

    public static bool IsKnown(string rxnormCode) => Of(rxnormCode).Count > 0;

    /// <summary>
    /// The API.md concomitantMedications value of an ingredient, or null when the snapshot has none for it
    /// (heparin and fondaparinux are recognised but have no value).
    /// </summary>
    public static string? ConcomitantMedication(string ingredient) => ingredient switch
    {
        "warfarin" => "warfarin",
        "apixaban" or "rivaroxaban" or "edoxaban" or "dabigatran" or "betrixaban" => "directOralAnticoagulant",
        "enoxaparin" or "dalteparin" or "tinzaparin" => "lowMolecularWeightHeparin",
        "aspirin" => "aspirin",
        "digoxin" => "digoxin",
        "pembrolizumab" => "pembrolizumab",
        "epoetin alfa" or "darbepoetin alfa" => "erythropoiesisStimulatingAgent",
        _ when Estrogens.Contains(ingredient) => "estrogenContainingTherapy",
        _ when Statins.Contains(ingredient) => "statin",
        _ => null,
    };

    /// <summary>
    /// The concomitantMedications value of <paramref name="ingredient"/> as part of product <paramref name="rxnormCode"/>:
    /// an estrogen in a product of a contraceptive value set is a combined hormonal contraceptive.
    /// </summary>
    public static string? ConcomitantMedication(string rxnormCode, string ingredient) =>
        Estrogens.Contains(ingredient) && Product(rxnormCode)?.Contraceptive == true
            ? "combinedHormonalContraceptive"
            : ConcomitantMedication(ingredient);

    public static bool IsEstrogen(string ingredient) => Estrogens.Contains(ingredient);

    /// <summary>Anticoagulants the snapshot has no concomitantMedications value for.</summary>
    public static bool IsAnticoagulantWithoutValue(string ingredient) => ingredient is "heparin" or "fondaparinux";

    /// <summary>The prophylaxis-relevant class an allergy to <paramref name="ingredient"/> concerns, or null.</summary>
    public static string? ProphylaxisDrugClass(string ingredient) => ingredient switch
    {
        "aspirin" => "aspirin",
        "enoxaparin" or "dalteparin" or "tinzaparin" or "heparin" or "fondaparinux" => "heparins",
        "warfarin" => "warfarin",
        "apixaban" or "rivaroxaban" or "edoxaban" or "dabigatran" or "betrixaban" => "direct oral anticoagulants",
        _ => null,
    };

    private static readonly HashSet<string> Statins =
        ["atorvastatin", "fluvastatin", "lovastatin", "pitavastatin", "pravastatin", "rosuvastatin", "simvastatin"];

    public static bool IsStatin(string ingredient) => Statins.Contains(ingredient);

    /// <summary>Every ingredient the tables know, for messages about drugs they do not recognise.</summary>
    public static IEnumerable<string> All =>
        RxNormProducts.Table.Values.SelectMany(p => p.Ingredients).Concat(IngredientCodes.Values).Distinct().Order(StringComparer.Ordinal);
}
