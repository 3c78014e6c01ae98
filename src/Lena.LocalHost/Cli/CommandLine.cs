using System.Globalization;

namespace Lena.LocalHost.Cli;

/// <summary>
/// <c>lena-host [--app DIR] [--port N] [--settings FILE] [--set NAME=VALUE]... [--no-timers] [--quiet-worker] [--function-key KEY]</c>.
/// Without <c>--app</c>, the Debug build output of src/LenaFunctions below the current folder.
/// </summary>
internal sealed record CommandLine(string AppDirectory, int? Port, string? SettingsFile, IReadOnlyDictionary<string, string> Settings, bool RunTimers, bool ForwardWorkerStdout, string? FunctionKey = null)
{
    public const string Usage = """
        lena-host: runs a .NET isolated-worker function app locally, without Azure Functions Core Tools.
        A development and test stand-in, not a production host (see src/Lena.LocalHost/README.md).

        usage: lena-host [--app DIR] [--port N] [--settings FILE] [--set NAME=VALUE]... [--no-timers] [--quiet-worker] [--function-key KEY]
          --app DIR          the app's build output (default: src/LenaFunctions/bin/Debug/net10.0)
          --port N           HTTP port (default: Host.LocalHttpPort from the settings, else 7071; 0 = any free port)
          --settings FILE    settings file (default: local.settings.json in the app folder or above, else the sample)
          --set NAME=VALUE   an app setting that wins over the file (repeatable)
          --no-timers        do not run timers on their schedules (POST /admin/functions/{name} still runs one)
          --quiet-worker     do not echo the worker's stdout (console telemetry exporter)
          --function-key KEY check function keys as Azure does: function-level routes need KEY
                             (x-functions-key or ?code=); default: no key checked, as with func start
        """;

    public const string DefaultAppDirectory = "src/LenaFunctions/bin/Debug/net10.0";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? app = null, settingsFile = null, functionKey = null;
        int? port = null;
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var timers = true;
        var forward = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--app":
                    app = Value(args, ref i);
                    break;
                case "--port":
                    var text = Value(args, ref i);
                    port = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= 65535
                        ? parsed
                        : throw new ArgumentException($"--port needs a port number 0–65535, not '{text}'.");
                    break;
                case "--settings":
                    settingsFile = Value(args, ref i);
                    break;
                case "--set":
                    var pair = Value(args, ref i);
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--set needs NAME=VALUE, not '{pair}'.");
                    }

                    settings[pair[..equals]] = pair[(equals + 1)..];
                    break;
                case "--no-timers":
                    timers = false;
                    break;
                case "--quiet-worker":
                    forward = false;
                    break;
                case "--function-key":
                    functionKey = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new CommandLine(app ?? DefaultAppDirectory, port, settingsFile, settings, timers, forward, functionKey);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
}
