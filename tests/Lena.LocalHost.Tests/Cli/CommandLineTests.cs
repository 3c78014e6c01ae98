using Lena.LocalHost.Cli;

namespace Lena.LocalHost.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void ParsesAppPortSettingsAndOverrides()
    {
        var command = CommandLine.Parse(["--app", "out", "--port", "7072", "--settings", "s.json", "--set", "Lena__RuleCacheRefreshSeconds=1", "--set", "A=b=c", "--no-timers"]);

        Assert.Equal("out", command.AppDirectory);
        Assert.Equal(7072, command.Port);
        Assert.Equal("s.json", command.SettingsFile);
        Assert.Equal("1", command.Settings["Lena__RuleCacheRefreshSeconds"]);
        Assert.Equal("b=c", command.Settings["A"]);
        Assert.False(command.RunTimers);
    }

    [Fact]
    public void DefaultsToTheDebugBuildOfTheApp()
    {
        var command = CommandLine.Parse([]);

        Assert.Equal(CommandLine.DefaultAppDirectory, command.AppDirectory);
        Assert.Null(command.Port);
        Assert.True(command.RunTimers);
        Assert.Null(command.FunctionKey);
    }

    [Fact]
    public void TakesAFunctionKeyToCheckAsAzureDoes()
    {
        Assert.Equal("k3y", CommandLine.Parse(["--function-key", "k3y"]).FunctionKey);
    }

    [Theory]
    [InlineData("--port", "seventy")]
    [InlineData("--set", "novalue")]
    [InlineData("--bogus")]
    [InlineData("--app")]
    [InlineData("--function-key")]
    public void RejectsBadArguments(params string[] args) => Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));
}
