using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Rules;
using Lena.LocalHost.Tests.Support;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>Publishing and activating a rule set reaches clinical answers through the app's rule cache.</summary>
[Collection(LocalHostGroup.Name)]
public class RulePublishingEndToEndTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task PublishedAndActivatedVersionAnswersLaterRequests()
    {
        // Its own rules table, so the shared host's tests keep the default rule set.
        await using var host = await fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Lena__RulesTable"] = "LenaRulesPublishing",
            ["Lena__RuleCacheRefreshSeconds"] = "1",
        });
        await fixture.WaitUntilHealthyAsync(host);
        var client = fixture.Client;
        Uri Url(string path) => new(host.BaseAddress, path);

        using var active = await client.GetAsync(Url("api/rules"));
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        var etag = active.Headers.ETag?.ToString() ?? throw new InvalidOperationException("GET /api/rules sent no ETag.");

        const string version = "2026.12.99-e2e";
        var ruleSet = JsonNode.Parse(RuleSetDocument.Serialize(RuleSetDocument.Default with { Version = version }));
        var publish = new JsonObject { ["author"] = "e2e test", ["reason"] = "local host end-to-end test", ["ruleSet"] = ruleSet };
        using var published = await client.PostAsync(Url("api/rules/versions"), new StringContent(publish.ToJsonString(), MediaTypeHeaderValue.Parse("application/json")));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        using var activate = new HttpRequestMessage(HttpMethod.Put, Url("api/rules/active"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { version, actor = "e2e test", reason = "activate for the test" }), MediaTypeHeaderValue.Parse("application/json")),
        };
        activate.Headers.TryAddWithoutValidation("If-Match", etag);
        using var activated = await client.SendAsync(activate);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);

        var patient = await File.ReadAllBytesAsync(TestPaths.Sample("patient.json"));
        string? served = null;
        for (var attempt = 0; attempt < 60 && served != version; attempt++)
        {
            var content = new ByteArrayContent(patient);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            using var response = await client.PostAsync(Url("api/assessments"), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            served = body.RootElement.GetProperty("ruleSetVersion").GetString();
            if (served != version)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(version, served);
    }
}
