namespace Lena.LocalHost;

/// <summary>How to start a <see cref="LocalFunctionsHost"/>.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The function app's build output folder (holds <c>worker.config.json</c>, <c>functions.metadata</c>, <c>host.json</c>).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>HTTP port; 0 = any free port on 127.0.0.1 (tests); null = <c>Host.LocalHttpPort</c> from the settings file, else 7071.</summary>
    public int? HttpPort { get; init; }

    /// <summary>A settings file to use instead of looking for <c>local.settings.json</c> / the sample.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>App settings that win over the file's (flat <c>Section__Key</c> names), e.g. Azurite connection strings.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where host and worker log lines go; none by default (they are still kept in <see cref="LocalFunctionsHost.Logs"/>).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Writes the worker's stdout (e.g. the console telemetry exporter) to this host's stdout.</summary>
    public bool ForwardWorkerStdout { get; init; }

    /// <summary>How long the worker may take from launch to all functions loaded.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The grace period sent with <c>WorkerTerminate</c>; the worker is killed when it has not exited by then.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs timer functions on their schedules (the admin endpoint and <see cref="LocalFunctionsHost.FireTimerAsync"/> work either way).</summary>
    public bool RunTimerSchedules { get; init; } = true;

    /// <summary>Listens to the queues of queue-triggered functions (off: they load but never run).</summary>
    public bool RunQueueTriggers { get; init; } = true;

    /// <summary>The time zone timer schedules are read in; UTC (as on Linux Functions plans) unless <c>WEBSITE_TIME_ZONE</c> is set.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A function key to check as the Functions host does (<see cref="Http.HostKeys"/>): function- and
    /// admin-level routes then need it, and a request presenting it reaches the worker with the host's
    /// key identity. Null (the default): no key is checked, as with <c>func start</c>.
    /// </summary>
    public string? FunctionKey { get; init; }

    /// <summary>The <c>dotnet</c> executable that runs the worker.</summary>
    public string DotnetPath { get; init; } = "dotnet";
}
