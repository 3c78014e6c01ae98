using LenaFunctions.Functions.Workbench;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Workbench;

/// <summary>GET /api/workbench/{asset} (anonymous): the page, its script and style, and the reference panel.</summary>
public class WorkbenchPageTests
{
    [Theory]
    [InlineData(null, "text/html; charset=utf-8", "<h1>LenaFunctions workbench</h1>")]
    [InlineData("workbench.js", "text/javascript; charset=utf-8", "rules/what-if")]
    [InlineData("workbench.css", "text/css; charset=utf-8", ".card")]
    public async Task ServesTheAssetWithItsTypeAndASameOriginPolicy(string? asset, string contentType, string contains)
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench"), asset, CancellationToken.None);

        Assert.Equal(200, response.Status());
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Contains("script-src 'self'", response.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains(contains, response.BodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePanelIsEveryReferencePatientByName()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/panel.json"), "panel.json", CancellationToken.None);

        var panel = response.Json().EnumerateArray().ToArray();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples", "panel"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, panel.Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(panel, p => Assert.Equal("panel-", p.GetProperty("snapshot").GetProperty("patientId").GetString()![..6]));
    }

    [Fact]
    public async Task AnUnknownFileIsA404()
    {
        var response = await WorkbenchPage.Run(TestHttpRequestData.Create("GET", "workbench/secrets.txt"), "secrets.txt", CancellationToken.None);

        Assert.Equal(404, response.Status());
    }
}
