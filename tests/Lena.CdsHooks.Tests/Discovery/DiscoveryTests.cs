using System.Text.Json;
using Lena.CdsHooks.Discovery;

namespace Lena.CdsHooks.Tests.Discovery;

public class DiscoveryTests
{
    private static JsonElement Document() =>
        JsonSerializer.SerializeToElement(new CdsDiscoveryResponse(LenaCdsServices.All), CdsJson.Options);

    [Fact]
    public void DiscoveryListsTheOrderSelectAndOrderSignServices()
    {
        var services = Document().GetProperty("services").EnumerateArray().ToList();

        Assert.Equal(
            [("order-select", "lenalidomide-order-select"), ("order-sign", "lenalidomide-order-sign")],
            services.Select(s => (s.GetProperty("hook").GetString(), s.GetProperty("id").GetString())));
        Assert.All(services, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("description").GetString()));
        });
    }

    [Theory]
    [InlineData("751-8")]
    [InlineData("26499-4")]
    [InlineData("753-4")]
    [InlineData("777-3")]
    [InlineData("26515-7")]
    [InlineData("2160-0")]
    [InlineData("14682-9")]
    [InlineData("38483-4")]
    [InlineData("59826-8")]
    [InlineData("29463-7")]
    [InlineData("8302-2")]
    [InlineData("2106-3")]
    [InlineData("2118-8")]
    [InlineData("21198-7")]
    [InlineData("2112-1")]
    [InlineData("2110-5")]
    [InlineData("19080-1")]
    public void TheObservationPrefetchAsksForEveryLoincCodeTheMappingReads(string loinc)
    {
        foreach (var service in Document().GetProperty("services").EnumerateArray())
        {
            var query = service.GetProperty("prefetch").GetProperty("observations").GetString()!;
            var codes = query.Split('&').Single(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..].Split(',');
            Assert.Contains("http://loinc.org|" + loinc, codes);
        }
    }

    [Fact]
    public void EveryPrefetchTemplateIsAPatientScopedQueryWithTheContextToken()
    {
        foreach (var (key, template) in PrefetchTemplates.All)
        {
            Assert.Contains("{{context.patientId}}", template, StringComparison.Ordinal);
            Assert.DoesNotContain(" ", template, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(key));
        }
    }

    [Fact]
    public void ResolvingATemplateEscapesThePatientId()
    {
        Assert.Equal("Patient/a%2Fb", PrefetchTemplates.Resolve(PrefetchTemplates.Patient, "a/b"));
    }

    [Fact]
    public void TheDiscoveryDocumentHasNoNulls()
    {
        Assert.DoesNotContain("null", Document().GetRawText(), StringComparison.Ordinal);
    }
}
