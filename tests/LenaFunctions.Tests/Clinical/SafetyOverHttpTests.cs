using LenaFunctions.Tests.Support;
using Lena.Clinical.Contract;

namespace LenaFunctions.Tests.Clinical;

/// <summary>Issue 11's unsafe answers, over the HTTP functions: each now gives what API.md requires.</summary>
public class SafetyOverHttpTests
{
    private static async Task<System.Text.Json.JsonElement> PostAsync(Concern concern, byte[] body)
    {
        using var app = TestApp.Seeded();
        var response = await app.PostClinicalAsync(concern, body);
        Assert.Equal(200, response.Status());
        return response.Json();
    }

    [Fact]
    public async Task DosingGivesAPregnantPatientNoDoseAndSaysWhy()
    {
        var json = await PostAsync(Concern.Dosing, Snapshots.Pregnant());

        Assert.Equal("notRecommended", json.GetProperty("dose").GetProperty("action").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "pregnancy");
    }

    [Fact]
    public async Task TheAssessmentNeverSaysContraindicatedAndStartInOneBody()
    {
        var json = await PostAsync(Concern.Assessment, Snapshots.Pregnant());

        Assert.Equal("contraindicated", json.GetProperty("status").GetString());
        Assert.Equal("notRecommended", json.GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal("notApplicable", json.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
    }

    [Fact]
    public async Task TheLowerOfTwoClearancesDecidesAndTheDisagreementIsNamed()
    {
        var json = await PostAsync(Concern.Dosing, Snapshots.BothRenalInputs());

        Assert.Equal(15, json.GetProperty("dose").GetProperty("doseMg").GetDouble());
        Assert.Equal("every48Hours", json.GetProperty("dose").GetProperty("frequency").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "renalInputsDisagree");
    }

    [Fact]
    public async Task AnAnticoagulatedPatientIsNotToldToTakeAspirin()
    {
        var json = await PostAsync(Concern.VteProphylaxis, Snapshots.Anticoagulated());

        Assert.Equal("existingAnticoagulation", json.GetProperty("prophylaxis").GetProperty("recommendation").GetString());
    }

    [Fact]
    public async Task OutdatedCountsDeferTheDose()
    {
        var json = await PostAsync(Concern.Dosing, Snapshots.OutdatedCounts());

        Assert.Equal("defer", json.GetProperty("dose").GetProperty("action").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "labsOutdated");
    }

    [Fact]
    public async Task AWomanWithOneTestTwelveDaysAgoAndNoneInTheLast24HoursIsDeferredOverHttp()
    {
        var body = Snapshots.Modify(root =>
        {
            root["ageYears"] = 31;
            root["femaleOfReproductivePotential"] = true;
            root["therapy"]!["startDate"] = "2026-11-21";
            root["pregnancyTests"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["takenOn"] = "2026-11-09", ["result"] = "negative" });
        });

        var json = await PostAsync(Concern.Assessment, body);

        Assert.Equal("defer", json.GetProperty("dose").GetProperty("action").GetString());
        Assert.Equal("hold", json.GetProperty("status").GetString());
        var required = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "pregnancyTestRequired");
        Assert.Contains("within 24 hours before the first dose", required.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
