using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Lena.LocalHost.Tests.EndToEnd;
using Lena.LocalHost.Tests.Support;
using Lena.Testing;
using Xunit.Abstractions;

namespace Lena.LocalHost.Tests.Fuzz;

/// <summary>
/// A bounded property-based fuzz of the HTTP edge through the real worker under lena-host: a few
/// thousand generated requests over every route (FsCheck generators, a fixed seed, replayable with
/// <c>LENA_FUZZ_SEED</c>). The property: no answer is a 5xx, and every non-2xx answer is an
/// application/problem+json body that names no .NET type, exception or parser position. Its own
/// Azurite and host, since it writes courses and rule versions.
/// </summary>
public sealed partial class HttpEdgeFuzzTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Cases = 2500;

    // UTF-8 header values go out as sent (the default handler refuses non-ASCII before sending).
    private readonly HttpClient _client = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { Timeout = TimeSpan.FromSeconds(60) };
    private AzuriteFixture? _azurite;
    private LocalFunctionsHost? _host;

    public async Task InitializeAsync()
    {
        _azurite = await Task.Run(() => new AzuriteFixture());
        _host = await LocalHostFixture.StartHostAsync(_azurite.ConnectionString, new Dictionary<string, string> { ["Cors__AllowedOrigins"] = "https://portal.example.org" });
        await LocalHostFixture.WaitUntilHealthyAsync(_client, _host);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task No_generated_request_gets_a_5xx_and_every_error_is_a_clean_problem()
    {
        var host = _host ?? throw new InvalidOperationException("Not started.");
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("LENA_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20261204UL;
        var tokens = await DevTokensAsync(host, 40);
        var cases = FuzzCases.Any(await BodiesAsync(host), tokens).Sample(Cases, new Rnd(seed), 12);

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (fuzz, ct) =>
        {
            var (status, problem) = await SendAsync(host, fuzz, ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Enqueue($"{problem}: {fuzz}");
            }
        });

        output.WriteLine($"{Cases} cases (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Cases} cases broke the property (seed {seed}):\n{string.Join('\n', failures.OrderBy(f => f.StartsWith('5') ? 0 : 1).Take(20))}");
        Assert.DoesNotContain(statuses.Keys, k => k >= 500);
    }

    private async Task<(int Status, string? Problem)> SendAsync(LocalFunctionsHost host, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri(host.BaseAddress + fuzz.Path));
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
        }

        foreach (var (name, value) in fuzz.Headers)
        {
            if (name == "Content-Type")
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (status >= 500)
        {
            return (status, $"{status} {Encoding.UTF8.GetString(body)}");
        }

        // Kestrel itself refuses a NUL in the path (400, no body) before any function runs, as a front end would.
        if (status < 300 || status == 304 || fuzz.Method == "HEAD" || (status == 400 && body.Length == 0 && fuzz.Path.Contains("%00", StringComparison.Ordinal)))
        {
            return (status, null);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return (status, $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
        }

        var text = Encoding.UTF8.GetString(body);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.GetProperty("status").GetInt32() != status)
            {
                return (status, $"{status} with problem status {problem.RootElement.GetProperty("status")}");
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (status, $"{status} with a body that is not a problem: {text[..Math.Min(200, text.Length)]}");
        }

        return Internals().Match(text) is { Success: true } leak ? (status, $"{status} names internals ('{leak.Value}'): {text[..Math.Min(300, text.Length)]}") : (status, null);
    }

    private static async Task<Dictionary<string, byte[]>> BodiesAsync(LocalFunctionsHost host)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var patient = await File.ReadAllBytesAsync(TestPaths.Sample("patient.json"));
        using var client = new HttpClient();
        var active = JsonNode.Parse(await client.GetStringAsync(new Uri(host.BaseAddress, "api/rules")))!;
        var ruleSet = active["ruleSet"]!.DeepClone();
        ruleSet["version"] = "2026.12.9";
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["patient"] = patient,
            ["publish"] = Encoding.UTF8.GetBytes(new JsonObject { ["author"] = "fuzz", ["reason"] = "fuzz", ["basedOn"] = "2026.11.1", ["ruleSet"] = ruleSet }.ToJsonString()),
            ["activate"] = Encoding.UTF8.GetBytes("""{"version":"2026.11.1","actor":"fuzz","reason":"fuzz"}"""),
            ["complete"] = Encoding.UTF8.GetBytes($$$"""{"completedOn":"{{{today}}}","labs":{"takenOn":"{{{today}}}","ancPerMicroliter":1800,"plateletsPerMicroliter":150000}}"""),
            ["stop"] = Encoding.UTF8.GetBytes($$"""{"stoppedOn":"{{today}}","reason":"fuzz"}"""),
            ["feedback"] = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["feedback"] = new JsonArray(new JsonObject
                {
                    ["card"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                    ["outcome"] = "accepted",
                    ["outcomeTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                }),
            }.ToJsonString()),
            ["cds"] = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "samples", "cds-hooks", "order-sign.json")),
        };
    }

    /// <summary>Single-use client tokens of the local development issuer, so some CDS Hooks bodies get past the JWT check.</summary>
    private static async Task<IReadOnlyList<string>> DevTokensAsync(LocalFunctionsHost host, int count)
    {
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo("node", [Path.Combine(TestPaths.RepositoryRoot, "eng", "cds-dev", "token.mjs"), "lenalidomide-order-sign", new Uri(host.BaseAddress, "api/cds-services").ToString().TrimEnd('/')])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start)!;
            tokens.Add((await node.StandardOutput.ReadToEndAsync()).Trim());
            await node.WaitForExitAsync();
        }

        return tokens;
    }

    [GeneratedRegex(@"\b(?:System|Microsoft|Azure|Lena|LenaFunctions|Hl7)\.[A-Z][A-Za-z]+|Exception\b|LineNumber|BytePositionInLine|\bat [A-Z][\w.]+\(|StackTrace", RegexOptions.CultureInvariant)]
    private static partial Regex Internals();
}
