using System.Net;

namespace Lena.Delivery.Tests;

public class WebhookUrlPolicyTests
{
    private static readonly WebhookUrlPolicy Azure = new(new DeliveryEnvironment(InAzure: true, Development: false, RequireHttpsConfigured: false));
    private static readonly WebhookUrlPolicy Local = new(new DeliveryEnvironment(InAzure: false, Development: true, RequireHttpsConfigured: false));

    [Theory]
    // url, allowed in Azure, allowed on a development host
    [InlineData("https://notify.example.org/lena/reminders", true, true)]
    [InlineData("https://notify.example.org:8443/hook?team=a", true, true)]
    [InlineData("http://notify.example.org/hook", false, false)]
    [InlineData("http://localhost:5000/hook", false, true)]
    [InlineData("http://127.0.0.1:5000/hook", false, true)]
    [InlineData("http://[::1]:5000/hook", false, true)]
    [InlineData("https://127.0.0.1/hook", false, true)]
    [InlineData("http://10.0.0.4/hook", false, false)]
    [InlineData("https://10.0.0.4/hook", false, false)]
    [InlineData("https://169.254.169.254/metadata", false, false)]
    [InlineData("https://192.168.1.10/hook", false, false)]
    [InlineData("https://[fd00::1]/hook", false, false)]
    [InlineData("https://user:pass@notify.example.org/hook", false, false)]
    [InlineData("https://notify.example.org/hook#frag", false, false)]
    [InlineData("ftp://notify.example.org/hook", false, false)]
    [InlineData("/relative/hook", false, false)]
    [InlineData("notify.example.org/hook", false, false)]
    public void HttpsToAPublicHostAlwaysHttpOnlyToLoopbackOnADevelopmentHost(string url, bool inAzure, bool locally)
    {
        Assert.Equal(inAzure, Azure.Problem(url) is null);
        Assert.Equal(locally, Local.Problem(url) is null);
    }

    [Fact]
    public void TheReasonNamesWhatToChange()
    {
        Assert.Equal("must use https.", Azure.Problem("http://localhost:5000/hook"));
        Assert.Contains("http is allowed only to a loopback address", Local.Problem("http://notify.example.org/hook"), StringComparison.Ordinal);
        Assert.Contains("user name or password", Azure.Problem("https://u:p@notify.example.org/"), StringComparison.Ordinal);
        Assert.Contains("is required", Azure.Problem(" "), StringComparison.Ordinal);
        Assert.Contains("at most 2048", Azure.Problem("https://notify.example.org/" + new string('a', 2048)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "WEBSITE_INSTANCE_ID" }, "Development", false)]
    [InlineData(new[] { "WEBSITE_SITE_NAME" }, "Development", false)]
    [InlineData(new[] { "WEBSITE_HOSTNAME" }, "Development", false)]
    [InlineData(new string[0], "Production", false)]
    [InlineData(new string[0], null, false)]
    [InlineData(new string[0], "Development", true)]
    public void LoopbackHttpOnlyOnADevelopmentHostWithNoAzureMarker(string[] markers, string? functionsEnvironment, bool allowed)
    {
        var environment = DeliveryEnvironment.From(
            name => markers.Contains(name) ? "set" : name == "AZURE_FUNCTIONS_ENVIRONMENT" ? functionsEnvironment : null,
            requireHttpsConfigured: false);

        Assert.Equal(allowed, environment.AllowsLoopbackHttp);
    }

    [Fact]
    public void RequireHttpsConfiguredWinsOverADevelopmentHost()
    {
        var environment = DeliveryEnvironment.From(name => name == "AZURE_FUNCTIONS_ENVIRONMENT" ? "Development" : null, requireHttpsConfigured: true);

        Assert.False(environment.AllowsLoopbackHttp);
        Assert.Equal("must use https.", new WebhookUrlPolicy(environment).Problem("http://localhost:1/hook"));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void OnlyPublicAddressesAreConnectedToInAzure(string address, bool isPublic)
    {
        Assert.Equal(isPublic, WebhookAddressGuard.IsPublic(IPAddress.Parse(address)));
    }
}
