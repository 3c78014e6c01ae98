using System.Globalization;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Safety;

/// <summary>
/// The oldest counts a decision may rest on (rule data countAge: the CBC interval in force plus a grace), at both
/// sides of every limit: the last day counts are good for, and the day after, when start, continue and resume defer.
/// </summary>
public class CountAgeTests
{
    private static readonly DateOnly Today = EvaluatorRequests.Today;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Snapshot(string indication, string status, int day, int countAge)
    {
        var dose = indication switch
        {
            "multipleMyeloma" or "mantleCellLymphoma" => 25,
            "follicularLymphoma" or "marginalZoneLymphoma" => 20,
            "cll" => 2.5,
            _ => 10,
        };
        var therapy = status == "starting"
            ? new JsonObject { ["status"] = "starting", ["startDate"] = Iso(Today) }
            : new JsonObject
            {
                ["status"] = status,
                ["startDate"] = Iso(Today.AddDays(-day)),
                ["currentDoseMg"] = dose,
                ["daysOnTherapy"] = day,
            };
        if (status == "interrupted")
        {
            therapy["interruptedFor"] = "neutropenia";
        }

        return EvaluatorRequests.Patient(indication).Set("therapy", therapy)
            .Labs(1800, 140_000, Iso(Today.AddDays(-countAge)))
            .Set("labs.baselineAncPerMicroliter", 1800).Set("labs.baselinePlateletsPerMicroliter", 140_000);
    }

    [Theory]
    // indication, status, day of therapy, oldest good count age (interval + grace)
    [InlineData("multipleMyeloma", "starting", 0, 10)]
    [InlineData("cll", "starting", 0, 10)]
    [InlineData("multipleMyeloma", "onTreatment", 30, 10)] // weekly CBC in the first 8 weeks: 7 + 3
    [InlineData("mdsDel5q", "onTreatment", 40, 10)]
    [InlineData("multipleMyeloma", "onTreatment", 60, 17)] // cycle 3 day 15 and cycle 4 day 1: 14 + 3
    [InlineData("multipleMyeloma", "onTreatment", 100, 35)] // day 1 of every later cycle: 28 + 7
    [InlineData("mantleCellLymphoma", "onTreatment", 80, 17)] // every 2 weeks in cycles 3–4
    [InlineData("follicularLymphoma", "onTreatment", 150, 35)] // monthly from cycle 5
    [InlineData("mdsNonDel5q", "onTreatment", 60, 35)] // monthly after 8 weeks
    [InlineData("multipleMyelomaMaintenance", "onTreatment", 200, 35)]
    [InlineData("multipleMyeloma", "interrupted", 100, 10)] // weekly CBC while interrupted
    public void CountsAreGoodUpToTheLimitAndDeferTheDayAfter(string indication, string status, int day, int limit)
    {
        var fresh = EvaluatorRequests.Post(Concern.Dosing, Snapshot(indication, status, day, limit));
        var stale = EvaluatorRequests.Post(Concern.Dosing, Snapshot(indication, status, day, limit + 1));

        var freshAction = fresh.Ok.GetProperty("dose").GetProperty("action").GetString();
        Assert.NotEqual("defer", freshAction);
        Assert.DoesNotContain("labsOutdated", fresh.FindingCodes);
        Assert.Equal("defer", stale.Ok.GetProperty("dose").GetProperty("action").GetString());
        Assert.Contains("labsOutdated", stale.FindingCodes);
        Assert.Equal(fresh.Ok.GetProperty("dose").GetProperty("doseMg").GetDouble(), stale.Ok.GetProperty("dose").GetProperty("resumeDoseMg").GetDouble());
    }

    [Fact]
    public void AnInterruptionStandsOnOldCounts()
    {
        // Old counts never turn a hold into a "go": the hold is already the cautious answer.
        var body = Snapshot("multipleMyeloma", "onTreatment", 100, 60).Set("labs.plateletsPerMicroliter", 20_000);
        var reply = EvaluatorRequests.Post(Concern.Dosing, body);

        Assert.Equal("interrupt", reply.Ok.GetProperty("dose").GetProperty("action").GetString());
        Assert.DoesNotContain("labsOutdated", reply.FindingCodes);
    }

    [Fact]
    public void OutdatedCountsMakeTheContraindicationStatusAHold()
    {
        var reply = EvaluatorRequests.Post(Concern.Contraindications, Snapshot("multipleMyeloma", "onTreatment", 100, 60));

        Assert.Equal("hold", reply.Ok.GetProperty("status").GetString());
        Assert.Contains("labsOutdated", reply.FindingCodes);
    }
}
