using System.Diagnostics;
using System.Text.Json;
using LenaFunctions.Functions.Api;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>
/// The served OpenAPI document through the two linters integrators use, pinned as npm dev
/// dependencies (package.json): Redocly CLI (recommended rules) and Spectral (spectral:oas).
/// </summary>
public sealed class LintTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lena-openapi-lint-").FullName;

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Redocly_finds_no_errors_in_the_served_document(bool served)
    {
        var document = await WriteDocumentAsync(served);

        var (exit, output, errors) = await NodeAsync("node_modules/@redocly/cli/bin/cli.js", "lint", document, "--format=json");

        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var report = JsonDocument.Parse(json);
        var totals = report.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("errors").GetInt32() == 0, $"redocly exited {exit}:\n{output}\n{errors}");
    }

    /// <summary>
    /// No error at all: nullable references are written <c>anyOf [X, null]</c> and refused requests stand
    /// in their 400 examples as <c>x-request</c> (eng/openapi/lint-clean.py), so nothing is excused.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Spectral_finds_no_errors_in_the_served_document(bool served)
    {
        var document = await WriteDocumentAsync(served);
        var ruleset = Path.Combine(_directory, ".spectral.yaml");
        await File.WriteAllTextAsync(ruleset, "extends: [\"spectral:oas\"]\n");

        var (_, output, _) = await NodeAsync("node_modules/@stoplight/spectral-cli/dist/index.js", "lint", document, "--ruleset", ruleset, "--format", "json", "--quiet");

        using var report = JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]);
        var errors = report.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("severity").GetInt32() == 0)
            .Select(r => $"{r.GetProperty("code").GetString()} {string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: {r.GetProperty("message").GetString()}")
            .ToArray();
        Assert.True(errors.Length == 0, string.Join('\n', errors));
    }

    /// <summary>The served document (largest examples by reference) or the repository's (every example inline, so the linters check them).</summary>
    private async Task<string> WriteDocumentAsync(bool served)
    {
        var path = Path.Combine(_directory, "openapi.json");
        await File.WriteAllBytesAsync(path, served ? OpenApiDocument.Bytes : OpenApiDocument.SourceBytes);
        return path;
    }

    private static async Task<(int Exit, string Output, string Errors)> NodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update check: the linters run offline.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No package.json above the test output: run the tests from a build inside the repository (npm ci installs the linters).");
    }
}
