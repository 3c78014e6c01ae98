using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Http;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Clinical;

/// <summary>Bad input is a 4xx problem a clinician or integrator can act on: 400, 413, 415.</summary>
public class ClinicalRequestValidationTests
{
    private const string ProblemJson = "application/problem+json; charset=utf-8";

    public static TheoryData<Concern> Concerns() => new(Enum.GetValues<Concern>());

    [Theory]
    [MemberData(nameof(Concerns))]
    public async Task AnUnknownPropertyIsA400NamingItsPath(Concern concern)
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root => root["labs"]!["platelet"] = 140000);

        var response = await app.PostClinicalAsync(concern, body);

        Assert.Equal(400, response.Status());
        Assert.Equal(ProblemJson, response.Header("Content-Type"));
        Assert.Contains("labs.platelet", response.Errors().Keys);
        Assert.Equal(ClinicalAnswer.For(concern, body, RuleSetDocument.Default, TestApp.Today).Body, response.BodyBytes());
    }

    [Fact]
    public async Task PlateletsInTheWrongUnitAreA400WithAHint()
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root => root["labs"]!["plateletsPerMicroliter"] = 42);

        var response = await app.PostClinicalAsync(Concern.Dosing, body);

        Assert.Equal(400, response.Status());
        var messages = response.Errors()["labs.plateletsPerMicroliter"];
        Assert.Contains(messages, m => m.Contains("send 42000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMissingRequiredValueIsNamedByPath()
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root =>
        {
            root["therapy"]!["status"] = "onTreatment";
            root["therapy"]!.AsObject().Remove("currentDoseMg");
            root.Remove("renal");
        });

        var response = await app.PostClinicalAsync(Concern.Dosing, body);

        Assert.Equal(400, response.Status());
        var json = response.Json();
        Assert.Equal(ProblemTypes.Validation, json.GetProperty("type").GetString());
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
        Assert.Contains("renal", response.Errors().Keys);
        Assert.Contains("therapy.currentDoseMg", response.Errors().Keys);
    }

    [Fact]
    public async Task AMissingIndicationIsA400()
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root => root.Remove("indication"));

        var response = await app.PostClinicalAsync(Concern.VteProphylaxis, body);

        Assert.Equal(400, response.Status());
        Assert.Contains("indication", response.Errors().Keys);
    }

    [Fact]
    public async Task BrokenJsonIsA400AtTheRoot()
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Contraindications, "{\"indication\": "u8.ToArray());

        Assert.Equal(400, response.Status());
        Assert.Contains("$", response.Errors().Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("not a media type")]
    public async Task ABodyThatIsNotUtf8JsonIsA415(string? contentType)
    {
        using var app = TestApp.Seeded();
        var request = TestHttpRequestData.Create("POST", "dosing", Snapshots.Sample(), contentType);

        var response = await app.RunClinicalAsync(Concern.Dosing, request);

        Assert.Equal(415, response.Status());
        Assert.Equal(ProblemJson, response.Header("Content-Type"));
        Assert.Equal(ProblemTypes.UnsupportedMediaType, response.Json().GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("Application/JSON")]
    public async Task Utf8JsonMediaTypesAreAccepted(string contentType)
    {
        using var app = TestApp.Seeded();
        var request = TestHttpRequestData.Create("POST", "dosing", Snapshots.Sample(), contentType);

        var response = await app.RunClinicalAsync(Concern.Dosing, request);

        Assert.Equal(200, response.Status());
    }

    [Fact]
    public async Task ABodyOver256KbIsA413()
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Assessment, Padded(Snapshots.Sample(), RequestBody.MaxBytes + 1));

        Assert.Equal(413, response.Status());
        Assert.Equal(ProblemTypes.PayloadTooLarge, response.Json().GetProperty("type").GetString());
    }

    [Fact]
    public async Task ABodyOfExactly256KbIsRead()
    {
        using var app = TestApp.Seeded();
        var body = Padded(Snapshots.Sample(), RequestBody.MaxBytes);

        var response = await app.PostClinicalAsync(Concern.Dosing, body);

        Assert.Equal(200, response.Status());
        Assert.Equal(ClinicalAnswer.For(Concern.Dosing, body, RuleSetDocument.Default, TestApp.Today).Body, response.BodyBytes());
    }

    [Fact]
    public async Task AContentLengthThatUnderstatesTheBodyDoesNotGetPastTheLimit()
    {
        using var app = TestApp.Seeded();
        var request = TestHttpRequestData.Json("POST", "dosing", Padded(Snapshots.Sample(), RequestBody.MaxBytes * 2))
            .WithHeader("Content-Length", "1000");

        var response = await app.RunClinicalAsync(Concern.Dosing, request);

        Assert.Equal(413, response.Status());
    }

    [Fact]
    public async Task ADeclaredContentLengthOverTheLimitIsA413BeforeTheBodyIsRead()
    {
        using var app = TestApp.Seeded();
        var request = TestHttpRequestData.Json("POST", "dosing", Snapshots.Sample())
            .WithHeader("Content-Length", (RequestBody.MaxBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await app.RunClinicalAsync(Concern.Dosing, request);

        Assert.Equal(413, response.Status());
        Assert.Equal(0, request.Body.Position);
    }

    /// <summary>Valid JSON of exactly <paramref name="length"/> bytes: the snapshot followed by spaces.</summary>
    private static byte[] Padded(byte[] json, int length)
    {
        var padded = new byte[length];
        json.CopyTo(padded, 0);
        Array.Fill(padded, (byte)' ', json.Length, length - json.Length);
        return padded;
    }
}
