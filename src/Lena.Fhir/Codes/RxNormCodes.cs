namespace Lena.Fhir.Codes;

/// <summary>
/// RxNorm codes (system http://www.nlm.nih.gov/research/umls/rxnorm) we read by hand-verified table, each verified
/// in a published source; unverified codes are left out rather than guessed. The ingredient codes below are in
/// <see cref="RxNormIngredients"/>; products, packs and forms come from the generated <see cref="RxNormProducts"/>.
/// Ingredient (IN) codes also match a Medication whose ingredient.itemCodeableConcept carries them.
/// Sources:
///  - CIBMTR reporting IG value sets (nmdp-ig/cibmtr-reporting-ig, med-form2400-post-hct-disease-therapy,
///    med-melphalan, med-rituximab): lenalidomide 342369, Revlimid 337535 and every capsule SCD/SBD below,
///    melphalan 6718, rituximab 121191.
///  - CPIC drug table (cpicpgx/cpic-schema drug.sql): aspirin 1191, digoxin 3407, warfarin 11289, rituximab 121191.
///  - RxNav-checked constants of an oncology VTE tool (its "F17" correction): lenalidomide 342369,
///    dalteparin 67109, epoetin alfa 105694, darbepoetin alfa 283838; with apixaban 1364430,
///    rivaroxaban 1114195, dabigatran 1037042, edoxaban 1599538, enoxaparin 67108.
///  - Drug-interaction and formulary tables (RxCUI 3264 dexamethasone), mCODE examples (RXN#3639 DOXOrubicin),
///    Phenopackets-style rxcui tables (rxcui:1547545 pembrolizumab), OMOP RxNorm rows (4124 ethinyl estradiol),
///    NLM SPL lookups by rxcui=4099 (estrogens, conjugated).
///  - ICEES API configuration (ExposuresProvider/icees-api-config, config/…/Estradiol.dhall): estradiol is
///    RxNorm 4083 (MedicationRequest code in system rxnorm).
/// </summary>
internal static class RxNormCodes
{
    /// <summary>Lenalidomide codes; strength in mg for capsule SCD/SBD codes, null for ingredient/brand/forms.</summary>
    public static readonly IReadOnlyDictionary<string, double?> Lenalidomide = new Dictionary<string, double?>(StringComparer.Ordinal)
    {
        ["342369"] = null, // lenalidomide (IN)
        ["337535"] = null, // Revlimid (BN)
        ["602909"] = null, // lenalidomide Oral Capsule (SCDF)
        ["616113"] = null, // lenalidomide Oral Capsule [Revlimid] (SBDF)
        ["1242231"] = 2.5, // lenalidomide 2.5 MG Oral Capsule
        ["1242233"] = 2.5, // lenalidomide 2.5 MG Oral Capsule [Revlimid]
        ["602912"] = 5, // lenalidomide 5 MG Oral Capsule
        ["616116"] = 5, // lenalidomide 5 MG Oral Capsule [Revlimid]
        ["602910"] = 10, // lenalidomide 10 MG Oral Capsule
        ["616114"] = 10, // lenalidomide 10 MG Oral Capsule [Revlimid]
        ["643712"] = 15, // lenalidomide 15 MG Oral Capsule
        ["643714"] = 15, // lenalidomide 15 MG Oral Capsule [Revlimid]
        ["1428947"] = 20, // lenalidomide 20 MG Oral Capsule
        ["1429367"] = 20, // lenalidomide 20 MG Oral Capsule [Revlimid]
        ["643720"] = 25, // lenalidomide 25 MG Oral Capsule
        ["643722"] = 25, // lenalidomide 25 MG Oral Capsule [Revlimid]
    };

    /// <summary>The Revlimid (SBD/SBDF/BN) entries of <see cref="Lenalidomide"/>.</summary>
    public static readonly IReadOnlySet<string> LenalidomideBrandProducts = new HashSet<string>(StringComparer.Ordinal)
    {
        "337535", "616113", "1242233", "616116", "616114", "643714", "1429367", "643722",
    };

    /// <summary>What the tables read, for messages about drugs they do not recognise.</summary>
    public static string ReadIngredients =>
        string.Join(", ", RxNormIngredients.All) + "; regimen agents " + string.Join(", ", RegimenAgent.Values.Order(StringComparer.Ordinal));

    /// <summary>Ingredient → regimen flag.</summary>
    public static readonly IReadOnlyDictionary<string, string> RegimenAgent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["3639"] = "doxorubicin",
        ["6718"] = "melphalan",
        ["121191"] = "rituximab",
    };
}
