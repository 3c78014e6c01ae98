using System.Text.Json.Nodes;

namespace Lena.Cli.Tests;

/// <summary>Patient snapshots: API.md's example (samples/patient.json) and variations of it.</summary>
public static class Snapshots
{
    /// <summary>The day the tests evaluate on: after the sample's labs (2026-11-20), before its start (2026-11-23).</summary>
    public const string Today = "2026-11-21";

    public static DateOnly TodayDate { get; } = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Sample { get; } = File.ReadAllBytes(LenaProcess.SamplePatient);

    /// <summary>The sample on treatment at 25 mg with platelets of 20,000/µL: a hold for thrombocytopenia.</summary>
    public static byte[] OnTreatmentWithPlateletHold { get; } = Edit(s =>
    {
        s["renal"]!["creatinineClearanceMlPerMin"] = 75;
        s["labs"]!["plateletsPerMicroliter"] = 20000;
        s["therapy"]!["status"] = "onTreatment";
        s["therapy"]!["startDate"] = "2026-10-01";
        s["therapy"]!["currentDoseMg"] = 25;
        s["therapy"]!["daysOnTherapy"] = 51;
    });

    /// <summary>The sample with platelets sent in ×10^9/L and an unknown property: two problems.</summary>
    public static byte[] Invalid { get; } = Edit(s =>
    {
        s["labs"]!["plateletsPerMicroliter"] = 42;
        s["platelet"] = 140000;
    });

    public static byte[] Edit(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var snapshot = JsonNode.Parse(File.ReadAllBytes(LenaProcess.SamplePatient))!.AsObject();
        edit(snapshot);
        return System.Text.Encoding.UTF8.GetBytes(snapshot.ToJsonString());
    }
}
