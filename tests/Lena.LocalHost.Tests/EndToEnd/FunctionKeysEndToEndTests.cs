using System.Net;
using System.Text;
using Lena.Testing;

namespace Lena.LocalHost.Tests.EndToEnd;

/// <summary>
/// Function keys as in Azure, through the worker protocol: lena-host checks the key as the Functions
/// host does and hands the worker the host's key identity. Function-level routes refuse a request
/// without the key at the host; the routes the workbench uses are anonymous at the host and refuse it
/// in the app, with a problem saying how to get in; the key alone never administers rules.
/// </summary>
[Collection(LocalHostGroup.Name)]
public class FunctionKeysEndToEndTests(LocalHostFixture fixture)
{
    private const string Key = "e2e-function-key-0123456789abcdef";

    private static readonly Dictionary<string, string> AsInAzure = new()
    {
        // Not a development host: no loopback allowance, no tenant configured.
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
    };

    [Fact(Timeout = 180_000)]
    public async Task KeysAreCheckedByTheHostOrTheAppAndTheWorkbenchRoutesExplainARefusal()
    {
        await using var host = await LocalHostFixture.StartHostAsync(fixture.StorageConnectionString, AsInAzure, Key);
        await LocalHostFixture.WaitUntilHealthyAsync(fixture.Client, host);
        var snapshot = Snapshots.Sample();

        // A function-level route: the host answers 401 with no body, before the worker sees anything.
        using (var noKey = await SendAsync(host, HttpMethod.Post, "api/dosing", snapshot))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
            Assert.Empty(await noKey.Content.ReadAsByteArrayAsync());
        }

        using (var wrongKey = await SendAsync(host, HttpMethod.Post, "api/dosing", snapshot, key: "not-the-key"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        }

        using (var keyed = await SendAsync(host, HttpMethod.Post, "api/dosing", snapshot, key: Key))
        using (var byQuery = await SendAsync(host, HttpMethod.Post, "api/dosing?code=" + Key, snapshot))
        {
            Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        }

        // The workbench's routes: anonymous at the host, so the app refuses, and says how to get in.
        foreach (var (method, path, body) in new[] { (HttpMethod.Post, "api/assessments", snapshot), (HttpMethod.Get, "api/rules", null), (HttpMethod.Get, "api/rules/audit", null) })
        {
            using var refused = await SendAsync(host, method, path, body);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("x-functions-key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());

            using var admitted = await SendAsync(host, method, path, body, key: Key);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        // The key alone never publishes: with no tenant configured in Azure, rule administration is refused.
        using var publish = await SendAsync(host, HttpMethod.Post, "api/rules/versions", Encoding.UTF8.GetBytes("{}"), key: Key);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, publish.StatusCode);
        Assert.Contains("not configured", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendAsync(LocalFunctionsHost host, HttpMethod method, string path, byte[]? body, string? key = null)
    {
        var request = new HttpRequestMessage(method, new Uri(host.BaseAddress, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return fixture.Client.SendAsync(request);
    }
}
