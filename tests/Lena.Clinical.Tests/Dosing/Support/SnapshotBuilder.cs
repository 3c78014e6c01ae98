using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>
/// Builds the JSON patient snapshot a portal sends (API.md), starting from a plain adult with normal
/// renal function; each test changes only what its CLINICAL.md row is about.
/// </summary>
internal sealed class SnapshotBuilder
{
    /// <summary>The evaluation date of every dosing test.</summary>
    public static readonly DateOnly Today = new(2026, 11, 23);

    private readonly JsonObject _root;

    private SnapshotBuilder(string indication, JsonObject therapy)
    {
        _root = new JsonObject
        {
            ["patientId"] = "pt-dosing-test",
            ["indication"] = indication,
            ["sex"] = "male",
            ["ageYears"] = 60,
            ["weightKg"] = 75,
            ["heightCm"] = 175,
            ["renal"] = new JsonObject { ["creatinineClearanceMlPerMin"] = 90, ["onDialysis"] = false },
            ["therapy"] = therapy,
        };
    }

    /// <summary>therapy.status = starting: choose a starting dose.</summary>
    public static SnapshotBuilder Starting(string indication) =>
        new(indication, new JsonObject { ["status"] = "starting", ["startDate"] = Iso(Today), ["daysOnTherapy"] = 0 });

    /// <summary>therapy.status = onTreatment at a dose, with normal counts unless a test sets them.</summary>
    public static SnapshotBuilder OnTreatment(string indication, double currentDoseMg, int daysOnTherapy = 60) =>
        new SnapshotBuilder(indication, new JsonObject
        {
            ["status"] = "onTreatment",
            ["startDate"] = Iso(Today.AddDays(-daysOnTherapy)),
            ["currentDoseMg"] = currentDoseMg,
            ["daysOnTherapy"] = daysOnTherapy,
        }).Labs(anc: 2000, platelets: 150_000).Baseline(anc: 2000, platelets: 150_000);

    /// <summary>therapy.status = interrupted: the dose taken before the hold and why it was held.</summary>
    public static SnapshotBuilder Interrupted(string indication, double doseBeforeHoldMg, string interruptedFor, int daysOnTherapy = 60) =>
        new SnapshotBuilder(indication, new JsonObject
        {
            ["status"] = "interrupted",
            ["startDate"] = Iso(Today.AddDays(-daysOnTherapy)),
            ["currentDoseMg"] = doseBeforeHoldMg,
            ["daysOnTherapy"] = daysOnTherapy,
            ["interruptedFor"] = interruptedFor,
        }).Labs(anc: 2000, platelets: 150_000).Baseline(anc: 2000, platelets: 150_000);

    public SnapshotBuilder Female()
    {
        _root["sex"] = "female";
        _root["femaleOfReproductivePotential"] = false;
        return this;
    }

    public SnapshotBuilder Age(int years)
    {
        _root["ageYears"] = years;
        return this;
    }

    public SnapshotBuilder Weight(double kg)
    {
        _root["weightKg"] = kg;
        return this;
    }

    public SnapshotBuilder CreatinineClearance(double mlPerMin)
    {
        _root["renal"] = new JsonObject { ["creatinineClearanceMlPerMin"] = mlPerMin, ["onDialysis"] = false };
        return this;
    }

    /// <summary>Serum creatinine only: the service computes Cockcroft–Gault from age, weight and sex.</summary>
    public SnapshotBuilder SerumCreatinine(double mgPerDl)
    {
        _root["renal"] = new JsonObject { ["serumCreatinineMgPerDl"] = mgPerDl, ["onDialysis"] = false };
        return this;
    }

    public SnapshotBuilder OnDialysis(double? creatinineClearance = null)
    {
        var renal = new JsonObject { ["onDialysis"] = true };
        if (creatinineClearance is { } crCl)
        {
            renal["creatinineClearanceMlPerMin"] = crCl;
        }

        _root["renal"] = renal;
        return this;
    }

    public SnapshotBuilder Labs(int anc, int platelets)
    {
        var labs = LabsObject();
        labs["takenOn"] = Iso(Today);
        labs["ancPerMicroliter"] = anc;
        labs["plateletsPerMicroliter"] = platelets;
        return this;
    }

    public SnapshotBuilder Anc(int anc)
    {
        LabsObject()["ancPerMicroliter"] = anc;
        return this;
    }

    public SnapshotBuilder Platelets(int platelets)
    {
        LabsObject()["plateletsPerMicroliter"] = platelets;
        return this;
    }

    public SnapshotBuilder Baseline(int anc, int platelets)
    {
        var labs = LabsObject();
        labs["baselineAncPerMicroliter"] = anc;
        labs["baselinePlateletsPerMicroliter"] = platelets;
        return this;
    }

    public SnapshotBuilder BaselineAnc(int anc)
    {
        LabsObject()["baselineAncPerMicroliter"] = anc;
        return this;
    }

    public SnapshotBuilder BaselinePlatelets(int platelets)
    {
        LabsObject()["baselinePlateletsPerMicroliter"] = platelets;
        return this;
    }

    /// <summary>Sets one <c>therapy</c> field (fever38_5C, ancBelow500ForDays, currentSchedule, …).</summary>
    public SnapshotBuilder Therapy(string field, JsonNode? value)
    {
        ((JsonObject)_root["therapy"]!)[field] = value;
        return this;
    }

    /// <summary>Sets a top-level snapshot field (pregnant, history, concomitantMedications, …).</summary>
    public SnapshotBuilder With(string field, JsonNode? value)
    {
        _root[field] = value;
        return this;
    }

    public SnapshotBuilder Schedule(string currentSchedule) => Therapy("currentSchedule", currentSchedule);

    public SnapshotBuilder Fever() => Therapy("fever38_5C", true);

    public SnapshotBuilder OtherDoseLimitingToxicity(bool present = true) => Therapy("otherDoseLimitingToxicity", present);

    public SnapshotBuilder Monosomy7()
    {
        // del5q left out: sent as false it would contradict mdsDel5q (a 400), and monosomy 7 decides either way.
        _root["cytogenetics"] = new JsonObject { ["monosomy7"] = true, ["tp53Mutation"] = false };
        return this;
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(_root);

    public override string ToString() => _root.ToJsonString();

    private JsonObject LabsObject()
    {
        if (_root["labs"] is not JsonObject labs)
        {
            labs = new JsonObject { ["takenOn"] = Iso(Today) };
            _root["labs"] = labs;
        }

        return labs;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
