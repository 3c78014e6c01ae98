namespace Lena.Cli.Tests;

public class UsageTests
{
    [Fact]
    public async Task AnUnknownCommandPrintsUsageAndExitsOne()
    {
        using var stdin = new MemoryStream();
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = await LenaCommand.RunAsync(["frobnicate"], stdin, stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("usage:", stderr.ToString(), StringComparison.Ordinal);
    }
}
