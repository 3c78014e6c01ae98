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
}
