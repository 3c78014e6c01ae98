using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Clinical;

/// <summary>
/// The contract: for the same snapshot bytes, rules and day, every clinical function answers with
/// exactly the bytes of <see cref="ClinicalAnswer.For(Concern, ReadOnlyMemory{byte}, Lena.Clinical.Rules.RuleSet, DateOnly)"/>, the clinical core the CLI prints.
/// </summary>
public class ClinicalContractTests
{
    public static TheoryData<string, Concern> SnapshotsByConcern()
    {
        var data = new TheoryData<string, Concern>();
        foreach (var snapshot in Snapshots.All.Keys)
        {
            foreach (var concern in Enum.GetValues<Concern>())
            {
                data.Add(snapshot, concern);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SnapshotsByConcern))]
    public async Task AnswersWithTheClinicalCoresBytesAndTheRuleSetVersion(string snapshot, Concern concern)
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.All[snapshot]();
        var expected = ClinicalAnswer.For(concern, body, RuleSetDocument.Default, TestApp.Today);

        var response = await app.PostClinicalAsync(concern, body);

        Assert.Equal(200, expected.Status);
        Assert.Equal(200, response.Status());
        Assert.Equal(expected.Body, response.BodyBytes());
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(RuleSetDocument.Default.Version, response.Header("X-Rule-Set-Version"));
        Assert.Equal(RuleSetDocument.Default.Version, response.Json().GetProperty("ruleSetVersion").GetString());
        Assert.Null(response.Header("Warning"));
    }

    [Fact]
    public async Task TheSampleHoldsTheSnapshotOfApiMdAndStartsAtTheRenallyAdjustedDose()
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Dosing, Snapshots.Sample());

        var dose = response.Json().GetProperty("dose");
        Assert.Equal("start", dose.GetProperty("action").GetString());
        Assert.Equal(10, dose.GetProperty("doseMg").GetDouble());
    }

    [Fact]
    public async Task TheOnTreatmentVariantIsAHold()
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Dosing, Snapshots.OnTreatmentHold());

        Assert.Equal("interrupt", response.Json().GetProperty("dose").GetProperty("action").GetString());
    }

    [Fact]
    public async Task AnswersFromTheActivatedVersionNotTheEmbeddedDefault()
    {
        using var app = TestApp.Seeded();
        var newer = RuleSetDocument.Default with { Version = "2027.01.1" };
        await app.Store.PublishAsync(newer, "pharmacist", "Next release.", RuleSetDocument.Default.Version, CancellationToken.None);
        var pointer = await app.Store.GetActiveAsync(CancellationToken.None);
        await app.Store.ActivateAsync("2027.01.1", pointer!.ETag, "pharmacist", "Go live.", CancellationToken.None);
        var body = Snapshots.Sample();

        var response = await app.PostClinicalAsync(Concern.Assessment, body);

        Assert.Equal("2027.01.1", response.Header("X-Rule-Set-Version"));
        Assert.Equal(ClinicalAnswer.For(Concern.Assessment, body, newer, TestApp.Today).Body, response.BodyBytes());
    }

    [Fact]
    public async Task AnswersFromTheCachedRuleSetWithAWarningWhileStorageIsDownWithinTheStalenessLimit()
    {
        using var app = TestApp.Seeded();
        await app.Rules.GetAsync(CancellationToken.None);
        app.Store.Unreachable = true;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var body = Snapshots.Sample();

        var response = await app.PostClinicalAsync(Concern.Dosing, body);

        Assert.Equal(200, response.Status());
        Assert.Equal(ClinicalAnswer.For(Concern.Dosing, body, RuleSetDocument.Default, TestApp.Today).Body, response.BodyBytes());
        Assert.StartsWith("110 ", response.Header("Warning"), StringComparison.Ordinal);
    }
}
