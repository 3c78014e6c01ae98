using System.Text;
using System.Text.Json.Nodes;

namespace Lena.Testing;

/// <summary>
/// Patient snapshots for the contract tests: API.md's example (samples/patient.json) and variants
/// of it, each valid for every clinical concern on 2026-11-21 (the tests' "today").
/// The sample is read from <c>Samples/patient.json</c> beside the test assembly (this project copies it there).
/// </summary>
public static class Snapshots
{
    /// <summary>API.md's example: multiple myeloma, starting, CrCl 52 mL/min.</summary>
    public static byte[] Sample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "patient.json"));

    /// <summary>Multiple myeloma on 25 mg with platelets 25,000/µL: a thrombocytopenia hold.</summary>
    public static byte[] OnTreatmentHold() => Modify(root =>
    {
        root["therapy"]!["status"] = "onTreatment";
        root["therapy"]!["startDate"] = "2026-10-19";
        root["therapy"]!["currentDoseMg"] = 25;
        root["therapy"]!["daysOnTherapy"] = 33;
        root["renal"]!["creatinineClearanceMlPerMin"] = 75;
        root["labs"]!["plateletsPerMicroliter"] = 25000;
    });

    /// <summary>Del 5q MDS in its first 4 weeks at the starting dose, with baseline counts.</summary>
    public static byte[] Mds() => Modify(root =>
    {
        root["patientId"] = "pt-mds-0042";
        root["indication"] = "mdsDel5q";
        root["sex"] = "male";
        root["ageYears"] = 71;
        root.Remove("femaleOfReproductivePotential");
        root.Remove("irregularMenstrualCycles");
        root.Remove("pregnant");
        root.Remove("breastfeeding");
        root["cytogenetics"]!["del5q"] = true;
        root["regimen"]!["dexamethasone"] = "none";
        root["therapy"]!["status"] = "onTreatment";
        root["therapy"]!["startDate"] = "2026-11-07";
        root["therapy"]!["currentDoseMg"] = 10;
        root["therapy"]!["daysOnTherapy"] = 14;
        root["labs"]!["ancPerMicroliter"] = 700;
        root["labs"]!["plateletsPerMicroliter"] = 60000;
        root["labs"]!["baselineAncPerMicroliter"] = 1200;
        root["labs"]!["baselinePlateletsPerMicroliter"] = 110000;
    });

    /// <summary>A woman of reproductive potential with irregular cycles, on estrogen-containing therapy.</summary>
    public static byte[] FemaleOfReproductivePotential() => Modify(root =>
    {
        root["patientId"] = "pt-frp-0007";
        root["ageYears"] = 31;
        root["femaleOfReproductivePotential"] = true;
        root["irregularMenstrualCycles"] = true;
        root["concomitantMedications"] = new JsonArray("estrogenContainingTherapy");
    });

    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>(StringComparer.Ordinal)
    {
        ["sample"] = Sample,
        ["onTreatmentHold"] = OnTreatmentHold,
        ["mds"] = Mds,
        ["femaleOfReproductivePotential"] = FemaleOfReproductivePotential,
        ["pregnant"] = Pregnant,
        ["bothRenalInputs"] = BothRenalInputs,
        ["anticoagulated"] = Anticoagulated,
        ["outdatedCounts"] = OutdatedCounts,
    };

    /// <summary>Issue 11: a pregnant female of reproductive potential (an absolute contraindication).</summary>
    public static byte[] Pregnant() => Modify(root =>
    {
        root["ageYears"] = 31;
        root["femaleOfReproductivePotential"] = true;
        root["pregnant"] = true;
    });

    /// <summary>Issue 11: CrCl reported 80 mL/min, serum creatinine 3.0 mg/dL (Cockcroft–Gault 20.1 mL/min): the lower decides.</summary>
    public static byte[] BothRenalInputs() => Modify(root =>
        root["renal"] = new JsonObject { ["creatinineClearanceMlPerMin"] = 80, ["serumCreatinineMgPerDl"] = 3.0, ["onDialysis"] = false });

    /// <summary>Issue 11: already on a direct oral anticoagulant (no aspirin on top).</summary>
    public static byte[] Anticoagulated() => Modify(root => root["concomitantMedications"] = new JsonArray("directOralAnticoagulant"));

    /// <summary>Issue 11: on treatment (day 200) on counts 116 days old: defer, never "continue".</summary>
    public static byte[] OutdatedCounts() => Modify(root =>
    {
        root["therapy"]!["status"] = "onTreatment";
        root["therapy"]!["startDate"] = "2026-05-05";
        root["therapy"]!["currentDoseMg"] = 10;
        root["therapy"]!["daysOnTherapy"] = 200;
        root["labs"]!["takenOn"] = "2026-07-28";
    });

    /// <summary>The sample snapshot with <paramref name="change"/> applied.</summary>
    public static byte[] Modify(Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var root = JsonNode.Parse(Sample())!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
