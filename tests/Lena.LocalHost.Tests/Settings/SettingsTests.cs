using System.Text.Json;
using Lena.LocalHost.Settings;

namespace Lena.LocalHost.Tests.Settings;

public sealed class SettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lena-host-settings-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Write(string relativePath, string content)
    {
        var path = Path.Combine(_root.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void FlattensNestedObjectsArraysAndScalarsIntoSectionKeyStrings()
    {
        using var json = JsonDocument.Parse("""
            {
              "Lena": { "RuleCacheRefreshSeconds": 30, "Flags": { "On": true } },
              "Tables:connectionString": "UseDevelopmentStorage=true",
              "Hosts": ["a", "b"],
              "Nothing": null
            }
            """);

        var flat = SettingsFlattener.Flatten(json.RootElement);

        Assert.Equal("30", flat["Lena__RuleCacheRefreshSeconds"]);
        Assert.Equal("true", flat["Lena__Flags__On"]);
        Assert.Equal("UseDevelopmentStorage=true", flat["Tables__connectionString"]);
        Assert.Equal("a", flat["Hosts__0"]);
        Assert.Equal("b", flat["Hosts__1"]);
        Assert.False(flat.ContainsKey("Nothing"));
    }

    [Fact]
    public void LoadsValuesConnectionStringsAndTheLocalHttpPort()
    {
        var path = Write("local.settings.json", """
            {
              "IsEncrypted": false,
              "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "Lena__RulesTable": "LenaRules" },
              "ConnectionStrings": { "Db": "Server=x" },
              "Host": { "LocalHttpPort": 7072 }
            }
            """);

        var file = LocalSettingsFile.Load(path);

        Assert.Equal("LenaRules", file.Values["Lena__RulesTable"]);
        Assert.Equal("Server=x", file.Values["ConnectionStrings__Db"]);
        Assert.Equal(7072, file.LocalHttpPort);
    }

    [Fact]
    public void RefusesAnEncryptedFile()
    {
        var path = Write("local.settings.json", """{ "IsEncrypted": true, "Values": {} }""");

        Assert.Throws<InvalidDataException>(() => LocalSettingsFile.Load(path));
    }

    [Fact]
    public void OverridesWinOverFileValues()
    {
        var file = new LocalSettingsFile("x", new Dictionary<string, string> { ["Tables__connectionString"] = "UseDevelopmentStorage=true", ["Lena__RulesTable"] = "LenaRules" }, null);

        var settings = AppSettings.Merge(file, new Dictionary<string, string> { ["Tables:connectionString"] = "azurite" });

        Assert.Equal("azurite", settings["Tables__connectionString"]);
        Assert.Equal("LenaRules", settings["lena:rulestable"]);
    }

    [Fact]
    public void ResolvesPercentReferencesWithEitherSeparator()
    {
        var settings = new AppSettings([new("FollowUpReminders__Schedule", "0 0 * * * *")]);

        Assert.Equal("0 0 * * * *", settings.Resolve("%FollowUpReminders__Schedule%"));
        Assert.Equal("0 0 * * * *", settings.Resolve("%FollowUpReminders:Schedule%"));
        Assert.Equal("0 */5 * * * *", settings.Resolve("0 */5 * * * *"));
        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%Missing%"));
    }

    [Fact]
    public void FindsLocalSettingsAboveTheAppDirectoryBeforeAnySample()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, ".git"));
        var app = Directory.CreateDirectory(Path.Combine(_root.FullName, "src", "App", "bin", "Debug")).FullName;
        Write(Path.Combine("src", "App", "bin", "Debug", "local.settings.sample.json"), "{}");
        var real = Write("local.settings.json", "{}");

        Assert.Equal(real, SettingsFileLocator.Find(app));
    }

    [Fact]
    public void FallsBackToTheSampleAndStopsAtTheRepositoryRoot()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "repo", ".git"));
        Write("local.settings.json", "{}");
        var app = Directory.CreateDirectory(Path.Combine(_root.FullName, "repo", "bin")).FullName;
        var sample = Write(Path.Combine("repo", "local.settings.sample.json"), "{}");

        Assert.Equal(sample, SettingsFileLocator.Find(app));
    }

    [Fact]
    public void ReadsTheRoutePrefixFromHostJson()
    {
        using var custom = JsonDocument.Parse("""{ "version": "2.0", "extensions": { "http": { "routePrefix": "/v1/" } } }""");
        using var none = JsonDocument.Parse("""{ "version": "2.0" }""");

        Assert.Equal("v1", HostJson.Parse(custom.RootElement).RoutePrefix);
        Assert.Equal("api", HostJson.Parse(none.RootElement).RoutePrefix);
    }
}
