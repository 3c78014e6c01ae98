using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.LocalHost.Tests.Support;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// The CDS Hooks services of the real worker over real HTTP, called as an EHR would: with a token
/// from the README's dev-token script (the issuer local.settings.sample.json trusts) and the
/// samples/cds-hooks request, built from the spec's order-sign example plus our prefetch.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class CdsHooksEndToEndTests(LocalHostFixture fixture) : IAsyncLifetime
{
    private const string Sign = "lenalidomide-order-sign";

    private LocalFunctionsHost? _host;

    private HttpClient Client => fixture.Client;

    private LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    private Uri Url(string path) => new(Host.BaseAddress, path);

    /// <summary>
    /// A host with the CdsHooks settings of local.settings.sample.json as committed (a developer's
    /// own local.settings.json, which the shared host would read, may predate them).
    /// </summary>
    public async Task InitializeAsync()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();
        var settings = sample.Where(p => p.Key.StartsWith("CdsHooks__", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => (string)p.Value!);
        _host = await fixture.StartHostAsync(settings);
        await fixture.WaitUntilHealthyAsync(_host);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>The day the samples were written for (their counts are from the days before it).</summary>
    private static readonly DateOnly SampleDay = new(2026, 11, 26);

    /// <summary>
    /// A sample with its clinical dates moved so the sample day is today: lena-host answers on the real clock, and counts
    /// too old to decide on are deferred (labsOutdated), so the samples' counts must stay as recent as when written.
    /// Birth dates (before 2026) stay, so the patient ages with the clock as a real one would.
    /// </summary>
    private static string CdsSample(string name)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "cds-hooks", name));
        var shift = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - SampleDay.DayNumber;
        return System.Text.RegularExpressions.Regex.Replace(text, "2026-[0-9]{2}-[0-9]{2}", m =>
            DateOnly.ParseExact(m.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(shift).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>node eng/cds-dev/token.mjs</c> exactly as the README shows.</summary>
    private async Task<string> DevTokenAsync(string serviceId)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(TestPaths.RepositoryRoot, "eng", "cds-dev", "token.mjs"), serviceId, new Uri(Host.BaseAddress, "api/cds-services").ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var token = (await node.StandardOutput.ReadToEndAsync()).Trim();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await node.StandardError.ReadToEndAsync());
        return token;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task DiscoveryListsBothServices()
    {
        using var response = await Client.GetAsync(Url("api/cds-services"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["lenalidomide-order-select", Sign], body.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TheSpecsOrderSignExampleWithOurPrefetchGetsTheAdviceOfTheAssessmentsEndpoint()
    {
        using var cardsResponse = await PostAsync("api/cds-services/" + Sign, CdsSample("order-sign.json"), await DevTokenAsync(Sign));
        using var assessmentResponse = await PostAsync("api/assessments", CdsSample("order-sign.same-patient.json"), token: null);

        Assert.True(cardsResponse.StatusCode == HttpStatusCode.OK, await cardsResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, assessmentResponse.StatusCode);
        using var cards = JsonDocument.Parse(await cardsResponse.Content.ReadAsByteArrayAsync());
        using var assessment = JsonDocument.Parse(await assessmentResponse.Content.ReadAsByteArrayAsync());
        var cardList = cards.RootElement.GetProperty("cards").EnumerateArray().ToList();
        var details = cardList.Select(c => c.GetProperty("detail").GetString()!).ToList();

        // Every finding of /api/assessments is on exactly one card, and the cards say nothing else.
        var findings = assessment.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToList();
        Assert.All(findings, code => Assert.Single(details, d => d.Contains($"`{code}`", StringComparison.Ordinal)));
        Assert.Equal(findings.Count, details.Sum(d => d.Split('\n').Count(l => l.StartsWith("- `", StringComparison.Ordinal))));

        // The dose card's update carries the assessment's dose; the rule-set versions agree.
        var dose = assessment.RootElement.GetProperty("dose");
        var doseCard = cardList.Single(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == "dose");
        var updated = doseCard.GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource").GetProperty("dosageInstruction")[0];
        Assert.Equal(dose.GetProperty("doseMg").GetDouble(), updated.GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("value").GetDouble());
        var version = assessment.RootElement.GetProperty("ruleSetVersion").GetString()!;
        Assert.All(cardList, c => Assert.EndsWith(version, c.GetProperty("source").GetProperty("label").GetString(), StringComparison.Ordinal));
        Assert.Equal(version, cardsResponse.Headers.GetValues("X-Rule-Set-Version").Single());

        // The derived creatinine clearance is the one the assessment computed.
        var crcl = assessment.RootElement.GetProperty("derived").GetProperty("creatinineClearanceMlPerMin").GetDouble();
        Assert.Contains($"**Creatinine clearance:** {crcl.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} mL/min", doseCard.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATokenTheServiceAnswers401WithABearerChallenge()
    {
        using var response = await PostAsync("api/cds-services/" + Sign, CdsSample("order-sign.json"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task AReplayedTokenIsRefusedAcrossRequests()
    {
        var token = await DevTokenAsync(Sign);

        using var first = await PostAsync("api/cds-services/" + Sign, CdsSample("order-sign.json"), token);
        using var second = await PostAsync("api/cds-services/" + Sign, CdsSample("order-sign.json"), token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("invalid_token", second.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPrefetchWithoutAFhirServerIs412()
    {
        var request = JsonNode.Parse(CdsSample("order-sign.json"))!;
        request["prefetch"]!.AsObject().Remove("observations");

        using var response = await PostAsync("api/cds-services/" + Sign, request.ToJsonString(), await DevTokenAsync(Sign));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FeedbackIsStoredInTableStorageOnceAndARepeatIsStillAccepted()
    {
        var body = $$"""{"feedback":[{"card":"{{Guid.NewGuid()}}","outcome":"overridden","overrideReason":{"userComment":"Patient on dialysis schedule"},"outcomeTimestamp":"2026-11-26T10:00:00Z"}]}""";

        using var first = await PostAsync($"api/cds-services/{Sign}/feedback", body, await DevTokenAsync(Sign));
        using var repeat = await PostAsync($"api/cds-services/{Sign}/feedback", body, await DevTokenAsync(Sign));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        using var firstJson = JsonDocument.Parse(await first.Content.ReadAsByteArrayAsync());
        using var repeatJson = JsonDocument.Parse(await repeat.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, firstJson.RootElement.GetProperty("stored").GetInt32());
        Assert.Equal(1, repeatJson.RootElement.GetProperty("alreadyStored").GetInt32());
    }

    [Fact]
    public async Task TheTokenPurgeTimerRunsAgainstTableStorage()
    {
        using var used = await PostAsync("api/cds-services/" + Sign, CdsSample("order-sign.json"), await DevTokenAsync(Sign));

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        await Host.FireTimerAsync("CdsTokenPurge"); // throws unless the run succeeds
    }
}
