using System.Runtime.InteropServices;
using Lena.LocalHost;
using Lena.LocalHost.Cli;
using Lena.LocalHost.Worker;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
    })
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddFilter("Microsoft.Hosting", LogLevel.Warning)
    .AddFilter("Grpc", LogLevel.Warning)
    .AddFilter("Azure.Core", LogLevel.Warning));

var options = new LocalHostOptions
{
    AppDirectory = command.AppDirectory,
    HttpPort = command.Port,
    SettingsFile = command.SettingsFile,
    LoggerFactory = loggerFactory,
    ForwardWorkerStdout = command.ForwardWorkerStdout,
    RunTimerSchedules = command.RunTimers,
    FunctionKey = command.FunctionKey,
};
foreach (var (name, value) in command.Settings)
{
    options.Settings[name] = value;
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

LocalFunctionsHost host;
try
{
    host = await LocalFunctionsHost.StartAsync(options, stop.Token);
}
catch (Exception ex) when (ex is WorkerStartupException or InvalidOperationException or IOException or NotSupportedException)
{
    Console.Error.WriteLine($"lena-host could not start the app: {ex.Message}");
    return 1;
}

await using (host)
{
    var health = new Uri(host.BaseAddress, string.IsNullOrEmpty(host.RoutePrefix) ? "health" : host.RoutePrefix + "/health");
    Console.WriteLine();
    Console.WriteLine($"LenaFunctions is running at {host.BaseAddress} (worker ready in {host.StartupTime.TotalMilliseconds:0} ms). Ctrl+C stops it.");
    Console.WriteLine($"  try: curl -s {health}");
    Console.WriteLine();

    var exited = await Task.WhenAny(host.WorkerExited, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => 0, TaskScheduler.Default));
    if (exited == host.WorkerExited)
    {
        Console.Error.WriteLine($"The worker exited (code {await host.WorkerExited}); lena-host stops.");
        return 1;
    }
}

return 0;
