using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Lena.Testing;

/// <summary>
/// Enrollment snapshots: API.md's sample patient (multiple myeloma, female not of reproductive
/// potential, starting on 2026-11-23) and variants, each valid on <see cref="CourseHarness.Now"/>.
/// </summary>
public static class Enrollments
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The sample, starting on <paramref name="start"/> (default 2026-11-23), as <paramref name="patientId"/>.</summary>
    public static byte[] Starting(DateOnly? start = null, string patientId = "pt-000123") => Snapshots.Modify(root =>
    {
        root["patientId"] = patientId;
        if (start is { } s)
        {
            root["therapy"]!["startDate"] = Date(s);
        }
    });

    /// <summary>A woman of reproductive potential (pregnancy tests before start and monthly; REMS contraception after stop).</summary>
    public static byte[] FemaleOfReproductivePotential(DateOnly? start = null) => Modify(Snapshots.FemaleOfReproductivePotential(), root =>
    {
        root.Remove("concomitantMedications");
        if (start is { } s)
        {
            root["therapy"]!["startDate"] = Date(s);
        }
    });

    /// <summary>A man with myeloma (REMS condom use after stop).</summary>
    public static byte[] Male(DateOnly? start = null) => Snapshots.Modify(root =>
    {
        root["patientId"] = "pt-male-0001";
        root["sex"] = "male";
        root.Remove("femaleOfReproductivePotential");
        root.Remove("irregularMenstrualCycles");
        root.Remove("pregnant");
        root.Remove("breastfeeding");
        if (start is { } s)
        {
            root["therapy"]!["startDate"] = Date(s);
        }
    });

    /// <summary>On treatment since <paramref name="start"/> at 25 mg with normal counts taken on <paramref name="labsOn"/>.</summary>
    public static byte[] OnTreatment(DateOnly start, DateOnly labsOn, string patientId = "pt-ontreat-01") => Snapshots.Modify(root =>
    {
        root["patientId"] = patientId;
        root["therapy"]!["status"] = "onTreatment";
        root["therapy"]!["startDate"] = Date(start);
        root["therapy"]!["currentDoseMg"] = 25;
        root["therapy"]!["daysOnTherapy"] = labsOn.DayNumber - start.DayNumber;
        root["renal"]!["creatinineClearanceMlPerMin"] = 75;
        root["labs"]!["takenOn"] = Date(labsOn);
    });

    public static byte[] Modify(byte[] json, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var root = JsonNode.Parse(json)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
