using System.Diagnostics;
using System.Text;
using Lena.CdsHooks.Discovery;
using Lena.Clinical.Contract;
using LenaFunctions.Functions.CdsHooks;
using LenaFunctions.Telemetry;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Tests.CdsHooks;

/// <summary>The three CDS Hooks functions: discovery, the service call behind the client JWT, and feedback.</summary>
public sealed class CdsHooksFunctionTests : IDisposable
{
    private const string Sign = LenaCdsServices.OrderSignId;
    private readonly CdsHooksApp _app = new();

    private static byte[] SampleRequest() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "cds-hooks", "order-sign.json"));

    private static TestHttpRequestData Post(string path, byte[] body, string? authorization)
    {
        var request = TestHttpRequestData.Json("POST", path, body);
        return authorization is null ? request : request.WithHeader("Authorization", authorization);
    }

    private Task<HttpResponseData> CallServiceAsync(string? authorization, byte[]? body = null, string id = Sign) =>
        _app.Service.Run(Post("cds-services/" + id, body ?? SampleRequest(), authorization), id, CancellationToken.None);

    private static byte[] Feedback(string card = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", string outcome = "accepted", string at = "2026-11-21T09:31:00Z") => Encoding.UTF8.GetBytes(
        $$"""{"feedback":[{"card":"{{card}}","outcome":"{{outcome}}","outcomeTimestamp":"{{at}}"}]}""");

    [Fact]
    public async Task DiscoveryListsBothServices()
    {
        var response = await new CdsDiscovery().Run(TestHttpRequestData.Create("GET", "cds-services"), CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal(
            [LenaCdsServices.OrderSelectId, LenaCdsServices.OrderSignId],
            response.Json().GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ATrustedClientGetsCards()
    {
        var response = await CallServiceAsync(_app.Bearer(Sign));

        Assert.Equal(200, response.Status());
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(RuleSetDocumentVersion, response.Header("X-Rule-Set-Version"));
        Assert.NotEmpty(response.Json().GetProperty("cards").EnumerateArray());
        Assert.False(response.Json().TryGetProperty("systemActions", out _));
    }

    private static string RuleSetDocumentVersion => Lena.Clinical.Rules.RuleSetDocument.Default.Version;

    [Fact]
    public async Task NoTokenIs401WithABearerChallenge()
    {
        var response = await CallServiceAsync(authorization: null);

        Assert.Equal(401, response.Status());
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
        Assert.Equal(ProblemTypes.Unauthorized, response.Json().GetProperty("type").GetString());
    }

    [Fact]
    public async Task ATokenForTheOtherServiceIs401InvalidToken()
    {
        var response = await CallServiceAsync(_app.Bearer(LenaCdsServices.OrderSelectId));

        Assert.Equal(401, response.Status());
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedTokenIs401()
    {
        var response = await CallServiceAsync(CdsClientKeys.Bearer($"{CdsHooksApp.BaseUrl}/{Sign}", _app.App.Clock.GetUtcNow(), alg: "none"));

        Assert.Equal(401, response.Status());
    }

    [Fact]
    public async Task AReplayedTokenIs401()
    {
        var token = _app.Bearer(Sign);

        var first = await CallServiceAsync(token);
        var second = await CallServiceAsync(token);

        Assert.Equal(200, first.Status());
        Assert.Equal(401, second.Status());
    }

    [Fact]
    public async Task WithoutAServiceBaseUrlARemoteRequestCannotBeVerifiedAndIs503()
    {
        using var app = new CdsHooksApp(serviceBaseUrl: null);

        var response = await app.Service.Run(Post("cds-services/" + Sign, SampleRequest(), app.Bearer(Sign)), Sign, CancellationToken.None);

        Assert.Equal(503, response.Status());
        Assert.Equal(ProblemTypes.CdsClientUnverifiable, response.Json().GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheBodyIsNotReadBeforeTheClientIsTrusted()
    {
        var response = await CallServiceAsync(authorization: null, body: Encoding.UTF8.GetBytes("{not json"));

        Assert.Equal(401, response.Status());
    }

    [Fact]
    public async Task TheFhirAccessTokenIsNeverLoggedTracedOrEchoed()
    {
        const string secret = "fhir-access-token-7f3a9c";
        var body = System.Text.Json.Nodes.JsonNode.Parse(SampleRequest())!;
        body["prefetch"]!.AsObject().Remove("observations");
        body["fhirServer"] = "https://ehr.test/fhir";
        body["fhirAuthorization"] = new System.Text.Json.Nodes.JsonObject
        {
            ["access_token"] = secret,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = "user/Observation.read",
            ["subject"] = "lena",
        };
        var tags = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LenaTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => tags.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}")),
        };
        ActivitySource.AddActivityListener(listener);

        var response = await CallServiceAsync(_app.Bearer(Sign), Encoding.UTF8.GetBytes(body.ToJsonString()));

        // The FHIR server is not in CdsHooks__AllowedFhirServers, so it is never called and the missing prefetch is a 412.
        Assert.Equal(412, response.Status());
        Assert.DoesNotContain(secret, response.BodyText(), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.ServiceLogger.Entries, e => e.Contains(secret, StringComparison.Ordinal));
        Assert.NotEmpty(_app.ServiceLogger.Entries);
        Assert.DoesNotContain(tags, t => t.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(tags, t => t.Contains("1288992", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FeedbackIsStoredOnceAndARepeatIsStill200()
    {
        var first = await _app.Feedback.Run(Post($"cds-services/{Sign}/feedback", Feedback(), _app.Bearer(Sign)), Sign, CancellationToken.None);
        var repeat = await _app.Feedback.Run(Post($"cds-services/{Sign}/feedback", Feedback(), _app.Bearer(Sign)), Sign, CancellationToken.None);

        Assert.Equal(200, first.Status());
        Assert.Equal(1, first.Json().GetProperty("stored").GetInt32());
        Assert.Equal(200, repeat.Status());
        Assert.Equal(0, repeat.Json().GetProperty("stored").GetInt32());
        Assert.Equal(1, repeat.Json().GetProperty("alreadyStored").GetInt32());
        Assert.Single(_app.FeedbackStore.Keys);
    }

    [Fact]
    public async Task InvalidFeedbackIs400ByPath()
    {
        var response = await _app.Feedback.Run(Post($"cds-services/{Sign}/feedback", Feedback(outcome: "ignored"), _app.Bearer(Sign)), Sign, CancellationToken.None);

        Assert.Equal(400, response.Status());
        Assert.Contains("feedback[0].outcome", response.Errors().Keys);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-11-21T09:40:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00Z")]
    public async Task FeedbackTimedOutsideAPlausibleWindowIs400AndNotStored(string at)
    {
        var response = await _app.Feedback.Run(Post($"cds-services/{Sign}/feedback", Feedback(at: at), _app.Bearer(Sign)), Sign, CancellationToken.None);

        Assert.Equal(400, response.Status());
        Assert.Contains("feedback[0].outcomeTimestamp", response.Errors().Keys);
        Assert.Empty(_app.FeedbackStore.Keys);
    }

    [Fact]
    public async Task FeedbackNeedsATrustedClientToo()
    {
        var response = await _app.Feedback.Run(Post($"cds-services/{Sign}/feedback", Feedback(), authorization: null), Sign, CancellationToken.None);

        Assert.Equal(401, response.Status());
        Assert.Empty(_app.FeedbackStore.Keys);
    }

    [Fact]
    public async Task FeedbackForAnUnknownServiceIs404()
    {
        const string id = "lenalidomide-patient-view";
        var response = await _app.Feedback.Run(Post($"cds-services/{id}/feedback", Feedback(), CdsClientKeys.Bearer($"{CdsHooksApp.BaseUrl}/{id}", _app.App.Clock.GetUtcNow())), id, CancellationToken.None);

        Assert.Equal(404, response.Status());
    }

    public void Dispose() => _app.Dispose();
}
