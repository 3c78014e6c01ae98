using System.Text;
using System.Text.Json;
using Lena.CdsHooks;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Service;
using Lena.Clinical.Rules;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>The CDS Hooks examples are what the code answers: discovery, and the cards for the documented order-sign request.</summary>
public class CdsHooksExampleTests
{
    private sealed class NoFhirServer : IFhirServerReader
    {
        public Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken) =>
            Task.FromResult(FhirServerRead.Failed("not used"));
    }

    [Fact]
    public void The_discovery_example_is_the_served_discovery_document()
    {
        var documented = OpenApiSpec.Examples.Single(e => e.Path == "/cds-services" && e.Method == "get" && e.Status == "200");

        var actual = JsonSerializer.SerializeToElement(new CdsDiscoveryResponse(LenaCdsServices.All), CdsJson.Options);

        Assert.True(JsonElement.DeepEquals(actual, documented.Value), $"replace the example with:\n{actual.GetRawText()}");
    }

    [Fact]
    public async Task The_cards_example_is_what_the_service_answers_for_the_request_example()
    {
        var request = OpenApiSpec.Examples.Single(e => e.Path == "/cds-services/{id}" && e.Status is null && e.Name == "orderSign");
        var documented = OpenApiSpec.Examples.Single(e => e.Path == "/cds-services/{id}" && e.Status == "200" && e.Name == "orderSign");

        var outcome = await new CdsHookService(new NoFhirServer()).HandleAsync(
            LenaCdsServices.OrderSignId, Encoding.UTF8.GetBytes(request.Value.GetRawText()), RuleSetDocument.Default, OpenApiSpec.TodayDate, CancellationToken.None);
        var actual = JsonSerializer.SerializeToElement(outcome.Response, CdsJson.Options);

        Assert.True(JsonElement.DeepEquals(actual, documented.Value), $"replace the example with:\n{actual.GetRawText()}");
    }

    [Fact]
    public void The_request_example_is_the_committed_sample()
    {
        var request = OpenApiSpec.Examples.Single(e => e.Path == "/cds-services/{id}" && e.Status is null && e.Name == "orderSign");
        var sample = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "order-sign.json"))).RootElement;

        Assert.True(JsonElement.DeepEquals(sample, request.Value));
    }
}
