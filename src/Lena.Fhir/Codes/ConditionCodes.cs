namespace Lena.Fhir.Codes;

/// <summary>
/// Condition codes we read. ICD-10-CM rows are prefixes of the code without dots (C90.01 → "C9001" matches
/// "C900"); the longest matching prefix wins, so D46.C is del(5q) and other D46 codes are MDS of unknown
/// del(5q) status. SNOMED CT rows match exactly: the hand-verified rows below (sources per row) and the
/// concepts of the published value-set expansions in <see cref="SnomedConcepts"/> (generated, eng/terminology).
/// A SNOMED CT concept can mean more than one thing (e.g. pre-existing diabetes in pregnancy).
/// </summary>
internal static class ConditionCodes
{
    public static readonly IReadOnlyList<(string Prefix, ConditionMeaning Meaning)> Icd10Cm =
    [
        ("C900", ConditionMeaning.MultipleMyeloma), // C90.00 not in remission, C90.02 in relapse
        ("C9001", ConditionMeaning.MultipleMyelomaInRemission), // C90.01 in remission: maintenance or continued therapy
        ("D46C", ConditionMeaning.MdsDel5q), // D46.C MDS with isolated del(5q)
        ("D46", ConditionMeaning.MdsUnspecified), // other D46.x MDS
        ("C831", ConditionMeaning.MantleCellLymphoma), // C83.1x
        ("C82", ConditionMeaning.FollicularLymphoma), // C82.x
        ("C884", ConditionMeaning.MarginalZoneLymphoma), // C88.4 extranodal marginal zone (MALT)
        ("C830", ConditionMeaning.MarginalZoneLymphoma), // C83.0x small cell B-cell (incl. nodal/splenic marginal zone)
        ("C911", ConditionMeaning.Cll), // C91.1x
        ("Z992", ConditionMeaning.Dialysis), // Z99.2 dependence on renal dialysis
        ("Z331", ConditionMeaning.Pregnancy), // Z33.1 pregnant state, incidental
        ("O09", ConditionMeaning.Pregnancy), // O09.x supervision of high-risk pregnancy
        ("I26", ConditionMeaning.PriorVte), // pulmonary embolism
        ("I824", ConditionMeaning.PriorVte), // DVT of lower extremity
        ("I825", ConditionMeaning.PriorVte), // chronic DVT of lower extremity
        ("Z8671", ConditionMeaning.PriorVte), // personal history of VTE
        ("E66", ConditionMeaning.Obesity),
        ("I50", ConditionMeaning.CardiacDisease), // heart failure
        ("I21", ConditionMeaning.CardiacDisease), // I21–I25 ischaemic heart disease
        ("I22", ConditionMeaning.CardiacDisease),
        ("I23", ConditionMeaning.CardiacDisease),
        ("I24", ConditionMeaning.CardiacDisease),
        ("I25", ConditionMeaning.CardiacDisease),
        ("N18", ConditionMeaning.ChronicKidneyDisease),
        ("E08", ConditionMeaning.Diabetes), // E08–E13 diabetes mellitus
        ("E09", ConditionMeaning.Diabetes),
        ("E10", ConditionMeaning.Diabetes),
        ("E11", ConditionMeaning.Diabetes),
        ("E13", ConditionMeaning.Diabetes),
        ("D6851", ConditionMeaning.InheritedThrombophilia), // activated protein C resistance (factor V Leiden)
        ("D6852", ConditionMeaning.InheritedThrombophilia), // prothrombin gene mutation
        ("D6859", ConditionMeaning.InheritedThrombophilia), // other primary thrombophilia
    ];

    public static readonly IReadOnlyDictionary<string, ConditionMeaning> Snomed = new Dictionary<string, ConditionMeaning>(StringComparer.Ordinal)
    {
        // Verified: nmdp-ig/cibmtr-reporting-ig, HL7 example IGs (reasonCode $sct#109989006 "Multiple myeloma").
        ["109989006"] = ConditionMeaning.MultipleMyeloma,

        // Verified: nmdp-ig/cibmtr-reporting-ig snomed-myelodysplastic-diseases-valueset ("Myelodysplastic syndrome (disorder)").
        ["109995007"] = ConditionMeaning.MdsUnspecified,

        // Verified: HL7 example IGs ($sct#92814006 "Chronic lymphoid leukaemia, disease"), SNOMED→ICD C91.10 maps.
        ["92814006"] = ConditionMeaning.Cll,

        // Verified: mCODE test fixtures and BioPortal SNOMEDCT/443487006 "Mantle cell lymphoma".
        ["443487006"] = ConditionMeaning.MantleCellLymphoma,

        // Verified: rare-disease tables listing 308121000 "Follicular non-Hodgkin's lymphoma" (lenalidomide among its drugs).
        ["308121000"] = ConditionMeaning.FollicularLymphoma,

        // Verified: NHS dm+d/FHIR guidance "105502003 Dependence on renal dialysis (finding)".
        ["105502003"] = ConditionMeaning.Dialysis,

        // Verified: AU eRequesting invariant "Pregnancy status shall be pregnant (SNOMED CT code 77386006)".
        ["77386006"] = ConditionMeaning.Pregnancy,
    };

    /// <summary>The first meaning of a code (see <see cref="MeaningsOf"/>), or null.</summary>
    public static ConditionMeaning? MeaningOf(string? system, string? code) =>
        MeaningsOf(system, code) is [var first, ..] ? first : null;

    /// <summary>Every meaning of a code; empty when the tables do not know it.</summary>
    public static IReadOnlyList<ConditionMeaning> MeaningsOf(string? system, string? code)
    {
        if (code is null)
        {
            return [];
        }

        if (system == FhirSystems.Snomed)
        {
            var meanings = new List<ConditionMeaning>();
            if (Snomed.TryGetValue(code, out var verified))
            {
                meanings.Add(verified);
            }

            if (SnomedConcepts.Table.TryGetValue(code, out var published))
            {
                meanings.AddRange(published.Where(m => !meanings.Contains(m)));
            }

            return meanings;
        }

        if (system != FhirSystems.Icd10Cm)
        {
            return [];
        }

        var plain = code.Replace(".", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        return Icd10Cm
            .Where(row => plain.StartsWith(row.Prefix, StringComparison.Ordinal))
            .OrderByDescending(row => row.Prefix.Length)
            .Select(row => row.Meaning)
            .Take(1)
            .ToList();
    }

    /// <summary>The API.md indication of a meaning, or null when it is not one (or needs del(5q) status).</summary>
    public static string? Indication(ConditionMeaning meaning) => meaning switch
    {
        ConditionMeaning.MultipleMyeloma => "multipleMyeloma",
        ConditionMeaning.MdsDel5q => "mdsDel5q",
        ConditionMeaning.MantleCellLymphoma => "mantleCellLymphoma",
        ConditionMeaning.FollicularLymphoma => "follicularLymphoma",
        ConditionMeaning.MarginalZoneLymphoma => "marginalZoneLymphoma",
        ConditionMeaning.Cll => "cll",
        _ => null,
    };

    public static bool IsIndication(ConditionMeaning meaning) => meaning <= ConditionMeaning.Cll;

    /// <summary>The vteRiskFactors property of a meaning, or null.</summary>
    public static string? VteFactor(ConditionMeaning meaning) => meaning switch
    {
        ConditionMeaning.PriorVte => "priorVte",
        ConditionMeaning.Obesity => "obesity",
        ConditionMeaning.CardiacDisease => "cardiacDisease",
        ConditionMeaning.ChronicKidneyDisease => "chronicKidneyDisease",
        ConditionMeaning.Diabetes => "diabetes",
        ConditionMeaning.InheritedThrombophilia => "inheritedThrombophilia",
        ConditionMeaning.CardiacDeviceInSitu => "centralVenousCatheterOrPacemaker",
        _ => null,
    };
}
