using System.Diagnostics;
using System.Text;

namespace Lena.Cli.Tests;

/// <summary>What one run of the real <c>lena</c> process produced.</summary>
public sealed record LenaRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>stdout without the single trailing newline the CLI writes after every body.</summary>
    public byte[] Body
    {
        get
        {
            Assert.True(Stdout.Length > 0 && Stdout[^1] == (byte)'\n', $"stdout should end with one newline; was: {StdoutText}");
            return Stdout[..^1];
        }
    }
}

/// <summary>
/// Runs the built <c>lena.dll</c> (copied next to this test assembly by the project reference) as
/// <c>dotnet lena.dll …</c>, the way an operator runs it.
/// </summary>
public static class LenaProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string LenaDll { get; } = Path.Combine(AppContext.BaseDirectory, "lena.dll");

    public static string SamplePatient { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "patient.json");

    /// <summary>The dotnet host running these tests, so the CLI runs on the same runtime.</summary>
    public static string DotnetHost { get; } = FindDotnet();

    public static async Task<LenaRun> RunAsync(byte[]? stdin, params string[] args)
    {
        using var process = Start(args);
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await WaitAsync(process);
        return new LenaRun(process.ExitCode, await stdout, await stderr);
    }

    public static Task<LenaRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary><c>lena A… | lena B…</c>: the first process's stdout streams into the second's stdin.</summary>
    public static async Task<(LenaRun First, LenaRun Second)> PipeAsync(string[] first, string[] second)
    {
        using var left = Start(first);
        using var right = Start(second);
        left.StandardInput.Close();
        var leftErr = left.StandardError.ReadToEndAsync();
        var rightOut = ReadAllAsync(right.StandardOutput.BaseStream);
        var rightErr = right.StandardError.ReadToEndAsync();

        await left.StandardOutput.BaseStream.CopyToAsync(right.StandardInput.BaseStream);
        right.StandardInput.Close();

        await WaitAsync(left);
        await WaitAsync(right);
        return (new LenaRun(left.ExitCode, [], await leftErr), new LenaRun(right.ExitCode, await rightOut, await rightErr));
    }

    private static Process Start(string[] args)
    {
        Assert.True(File.Exists(LenaDll), $"lena.dll is not next to the tests at {LenaDll}; build the test project.");
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(LenaDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lena did not exit within {Timeout}.");
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string FindDotnet()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), name, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        foreach (var candidate in new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root ? Path.Combine(root, name) : null,
        })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return name;
    }
}
