using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.LocalHost.Tests.Support;
using Xunit.Abstractions;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>The real LenaFunctions worker under the local host, called over real HTTP.</summary>
[Collection(LocalHostGroup.Name)]
public class HttpEndToEndTests(LocalHostFixture fixture, ITestOutputHelper output)
{
    private HttpClient Client => fixture.Client;

    private Uri Url(string path) => new(fixture.Host.BaseAddress, path);

    private static ByteArrayContent Json(byte[] body, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    [Fact]
    public async Task HealthAnswersHealthyWithTheSeededRuleSet()
    {
        using var response = await Client.GetAsync(Url("api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(RuleSetDocument.Default.Version, body.RootElement.GetProperty("ruleSetVersion").GetString());
    }

    [Fact]
    public async Task AssessmentAnswersByteForByteWhatTheClinicalCoreAnswers()
    {
        var request = await File.ReadAllBytesAsync(TestPaths.Sample("patient.json"));
        DateOnly before, after;
        byte[] body;
        HttpResponseMessage response;
        do
        {
            before = DateOnly.FromDateTime(DateTime.UtcNow);
            response = await Client.PostAsync(Url("api/assessments"), Json(request));
            body = await response.Content.ReadAsByteArrayAsync();
            after = DateOnly.FromDateTime(DateTime.UtcNow);
        }
        while (before != after);

        using (response)
        {
            var expected = ClinicalAnswer.For(Concern.Assessment, request, RuleSetDocument.Default, before);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected.ContentType, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Encoding.UTF8.GetString(expected.Body), Encoding.UTF8.GetString(body));
            Assert.Equal(expected.Body, body);
        }
    }

    [Fact]
    public async Task InvalidSnapshotIsA400Problem()
    {
        using var response = await Client.PostAsync(Url("api/assessments"), Json("""{ "indication": "multipleMyeloma", "sex": "female", "platelet": 42 }"""u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task NonJsonBodyIs415()
    {
        using var response = await Client.PostAsync(Url("api/dosing"), Json("indication=multipleMyeloma"u8.ToArray(), "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongMethodIs405WithAllowFromTheAppsFallback()
    {
        using var response = await Client.GetAsync(Url("api/dosing"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST", "OPTIONS"], response.Content.Headers.Allow);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRouteIs404Problem()
    {
        using var inApi = await Client.GetAsync(Url("api/no-such-thing"));
        using var outsideApi = await Client.GetAsync(Url("no-such-thing"));

        Assert.Equal(HttpStatusCode.NotFound, inApi.StatusCode);
        Assert.Equal("application/problem+json", inApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, outsideApi.StatusCode);
        Assert.Equal("application/problem+json", outsideApi.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocumentIsServedAsBuilt()
    {
        using var response = await Client.GetAsync(Url("api/openapi.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var source = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "src", "LenaFunctions", "OpenApi", "openapi.json"));
        var served = await response.Content.ReadAsByteArrayAsync();

        // The repository's indented document, served compact with its largest examples by reference
        // (at most ServedOpenApi.Budget, 150 KB); each reference is answered through the host, and putting them back gives the repository's JSON.
        Assert.True(served.Length <= 150_000, $"{served.Length:N0} bytes served");
        var document = System.Text.Json.Nodes.JsonNode.Parse(served)!;
        var references = 0;
        foreach (var example in Descendants(document).OfType<System.Text.Json.Nodes.JsonObject>().Where(o => o.ContainsKey("externalValue")).ToArray())
        {
            var url = example["externalValue"]!.GetValue<string>();
            using var value = await Client.GetAsync(Url(url.TrimStart('/')));
            Assert.Equal(HttpStatusCode.OK, value.StatusCode);
            example.Remove("externalValue");
            example["value"] = System.Text.Json.Nodes.JsonNode.Parse(await value.Content.ReadAsByteArrayAsync());
            references++;
        }

        output.WriteLine($"served {served.Length:N0} bytes, {references} examples by reference; repository {source.Length:N0} bytes");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(source), document));

        // gzip to a client that accepts it, through the host unchanged.
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("api/openapi.json"));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await Client.SendAsync(request);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        output.WriteLine($"gzip {compressed.Length:N0} bytes");
        await using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await unzip.CopyToAsync(decoded);
        Assert.Equal(served, decoded.ToArray());
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Descendants(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Descendants(p.Value)).Prepend(o),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Descendants).Prepend(a),
        _ => [],
    };

    [Fact]
    public async Task RouteValuesReachTheFunction()
    {
        using var response = await Client.GetAsync(Url("api/rules/versions/" + RuleSetDocument.Default.Version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(RuleSetDocument.Default.Version, body.RootElement.GetProperty("info").GetProperty("version").GetString());
    }

    [Fact]
    public async Task AdminEndpointRefusesFunctionsThatAreNotTimers()
    {
        using var unknown = await Client.PostAsync(Url("admin/functions/NoSuchFunction"), null);
        using var http = await Client.PostAsync(Url("admin/functions/Health"), null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
    }

    [Fact]
    public async Task MeasuresLaunchAndLatency()
    {
        var timings = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await Client.GetAsync(Url("api/openapi.json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        timings.Sort();
        var median = timings[timings.Count / 2];
        output.WriteLine($"worker launch to functions loaded: {fixture.Host.StartupTime.TotalMilliseconds:0} ms");
        output.WriteLine($"StartAsync to first answered request (GET /api/openapi.json): {fixture.LaunchToFirstAnswer.TotalMilliseconds:0} ms");
        output.WriteLine($"StartAsync to healthy GET /api/health: {fixture.LaunchToHealthy.TotalMilliseconds:0} ms");
        output.WriteLine($"GET /api/openapi.json x200: median {median:0.00} ms, p95 {timings[(int)(timings.Count * 0.95)]:0.00} ms");
        Assert.True(median < 1000, $"median {median} ms");
    }
}
