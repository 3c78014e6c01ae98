namespace Lena.Fhir.Codes;

/// <summary>
/// LOINC codes (system http://loinc.org) read from Observations, and the snapshot field each fills. The creatinine
/// codes are those of the VSAC value set "Creatinine Lab Test" (2.16.840.1.113883.3.666.5.2363, version 20230214,
/// eng/terminology/sources) that measure creatinine in serum, plasma or venous blood; its pre-/post-dialysis and
/// arterial-blood codes are left out (a dialysis patient's creatinine gives no Cockcroft–Gault clearance).
/// </summary>
internal static class LoincCodes
{
    public static readonly IReadOnlyDictionary<string, LabConcept> Concepts = new Dictionary<string, LabConcept>(StringComparer.Ordinal)
    {
        ["751-8"] = LabConcept.Anc, // Neutrophils [#/volume] in Blood by Automated count
        ["26499-4"] = LabConcept.Anc, // Neutrophils [#/volume] in Blood
        ["753-4"] = LabConcept.Anc, // Neutrophils [#/volume] in Blood by Manual count
        ["777-3"] = LabConcept.Platelets, // Platelets [#/volume] in Blood by Automated count
        ["26515-7"] = LabConcept.Platelets, // Platelets [#/volume] in Blood
        ["2160-0"] = LabConcept.SerumCreatinine, // Creatinine [Mass/volume] in Serum or Plasma
        ["14682-9"] = LabConcept.SerumCreatinine, // Creatinine [Moles/volume] in Serum or Plasma
        ["38483-4"] = LabConcept.SerumCreatinine, // Creatinine [Mass/volume] in Blood (Synthea, point-of-care analyzers)
        ["59826-8"] = LabConcept.SerumCreatinine, // Creatinine [Moles/volume] in Blood
        ["77140-2"] = LabConcept.SerumCreatinine, // Creatinine [Moles/volume] in Serum, Plasma or Blood
        ["35203-9"] = LabConcept.SerumCreatinine, // Creatinine [Mass or Moles/volume] in Serum or Plasma (the unit tells which)
        ["29463-7"] = LabConcept.BodyWeight, // Body weight
        ["8302-2"] = LabConcept.BodyHeight, // Body height
        ["2106-3"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["2118-8"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["21198-7"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["2112-1"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["2110-5"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["19080-1"] = LabConcept.PregnancyTest, // hCG (pregnancy test)
        ["718-7"] = LabConcept.Hemoglobin, // Hemoglobin [Mass/volume] in Blood
        ["1742-6"] = LabConcept.Alt, // Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma
        ["1920-8"] = LabConcept.Ast, // Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma
        ["1975-2"] = LabConcept.Bilirubin, // Bilirubin.total [Mass/volume] in Serum or Plasma
    };

    public static string Field(LabConcept concept) => concept switch
    {
        LabConcept.Anc => "labs.ancPerMicroliter",
        LabConcept.Platelets => "labs.plateletsPerMicroliter",
        LabConcept.SerumCreatinine => "renal.serumCreatinineMgPerDl",
        LabConcept.BodyWeight => "weightKg",
        LabConcept.BodyHeight => "heightCm",
        LabConcept.Hemoglobin => "labs.hemoglobinGPerDl",
        LabConcept.Alt => "liver.altTimesUpperLimit",
        LabConcept.Ast => "liver.astTimesUpperLimit",
        LabConcept.Bilirubin => "liver.bilirubinTimesUpperLimit",
        _ => "pregnancyTests",
    };

    /// <summary>The LOINC codes of a concept, for messages ("send LOINC 751-8 or …").</summary>
    public static string CodesOf(LabConcept concept) =>
        string.Join(", ", Concepts.Where(c => c.Value == concept).Select(c => c.Key));
}
