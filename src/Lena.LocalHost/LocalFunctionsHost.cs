using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Azure.Storage.Queues.Models;
using Lena.LocalHost.Http;
using Lena.LocalHost.Queues;
using Lena.LocalHost.Rpc;
using Lena.LocalHost.Rpc.Messages;
using Lena.LocalHost.Settings;
using Lena.LocalHost.Timers;
using Lena.LocalHost.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lena.LocalHost;

/// <summary>
/// A development and test stand-in for the Azure Functions host: starts the app's isolated
/// worker, speaks the language-worker gRPC protocol with it, serves its HTTP functions, fires
/// its timers, runs its queue triggers, and stops it cleanly on disposal. Not a production host:
/// no keys, no scaling, no bindings beyond HTTP, timer and queue triggers. See README.md.
/// </summary>
/// <example>
/// <code>
/// await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { AppDirectory = dir, HttpPort = 0 });
/// var response = await client.GetAsync(new Uri(host.BaseAddress, "api/health"));
/// </code>
/// </example>
public sealed class LocalFunctionsHost : IAsyncDisposable, ITimerInvocationSink, IQueueInvocationSink
{
    public const string HostVersion = "4.1040.0-lena-host";
    private readonly LocalHostOptions _options;
    private readonly ILogger _logger;
    private readonly WorkerChannel _channel;
    private readonly WorkerLogRelay _logs;
    private readonly RpcServer _rpc;
    private readonly WorkerProcess _worker;
    private readonly Invoker _invoker;
    private HttpFrontEnd? _frontEnd;
    private TimerScheduler? _timers;
    private readonly List<QueueListener> _queues = [];
    private IReadOnlyList<FunctionDescriptor> _functions = [];
    private int _disposed;

    private LocalFunctionsHost(LocalHostOptions options, ILogger logger, WorkerChannel channel, WorkerLogRelay logs, RpcServer rpc, WorkerProcess worker)
    {
        _options = options;
        _logger = logger;
        _channel = channel;
        _logs = logs;
        _rpc = rpc;
        _worker = worker;
        _invoker = new Invoker(channel);
    }

    /// <summary>Where the app's HTTP functions are served, e.g. <c>http://localhost:7071/</c>.</summary>
    public Uri BaseAddress => _frontEnd?.BaseAddress ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The route prefix from host.json, e.g. <c>api</c>.</summary>
    public string RoutePrefix { get; private set; } = HostJson.DefaultRoutePrefix;

    public IReadOnlyList<FunctionDescriptor> Functions => _functions;

    /// <summary>The settings the worker runs with (file plus overrides).</summary>
    public AppSettings Settings { get; private set; } = new([]);

    /// <summary>From launching the worker to every function loaded.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The worker's log lines so far (the most recent 5,000).</summary>
    public IReadOnlyList<WorkerLogEntry> Logs => _logs.Snapshot();

    /// <summary>The queue settings in force (host.json <c>extensions.queues</c> with app-setting overrides).</summary>
    public QueueSettings QueueSettings { get; private set; } = new();

    /// <summary>The queue-triggered functions being listened to.</summary>
    public IReadOnlyList<QueueFunction> QueueFunctions => _queues.Select(q => q.Function).ToArray();

    /// <summary>The worker's process id.</summary>
    public int WorkerProcessId => _worker.Id;

    /// <summary>Completes with the worker's exit code when it exits.</summary>
    public Task<int> WorkerExited => _worker.Exited;

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Lena.LocalHost");
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        if (!Directory.Exists(appDirectory))
        {
            throw new WorkerStartupException($"The app directory {appDirectory} does not exist: build the function app first.");
        }

        var assembly = WorkerLaunchSpec.FindAppAssembly(appDirectory);
        var settingsFile = options.SettingsFile ?? SettingsFileLocator.Find(appDirectory);
        var settings = AppSettings.Merge(settingsFile is null ? null : LocalSettingsFile.Load(settingsFile), options.Settings);
        if (settingsFile is null)
        {
            HostLog.NoSettingsFile(logger);
        }
        else
        {
            HostLog.SettingsLoaded(logger, settingsFile);
        }

        var logs = new WorkerLogRelay(loggerFactory, options.TimeProvider);
        var channel = new WorkerChannel(logs.OnRpcLog);
        var rpc = await RpcServer.StartAsync(channel, loggerFactory, cancellationToken).ConfigureAwait(false);

        var workerId = Guid.NewGuid().ToString();
        var spec = new WorkerLaunchSpec(options.DotnetPath, appDirectory, assembly, rpc.Uri, workerId, Guid.NewGuid().ToString(),
            WorkerLaunchSpec.BuildEnvironment(appDirectory, settings.Values));
        var started = Stopwatch.GetTimestamp();
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(spec.ToStartInfo(), options.ForwardWorkerStdout ? Console.Out.WriteLine : _ => { }, logs.OnStderr);
        }
        catch
        {
            await rpc.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        HostLog.WorkerStarted(logger, worker.Id, assembly);
        var host = new LocalFunctionsHost(options, logger, channel, logs, rpc, worker) { Settings = settings };
        _ = worker.Exited.ContinueWith(t => host.OnWorkerExited(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        try
        {
            await host.InitializeAsync(appDirectory, started, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>Runs a timer function now, as <c>POST /admin/functions/{name}</c> does, and waits for it to finish.</summary>
    public Task FireTimerAsync(string name, CancellationToken cancellationToken = default)
    {
        var timers = _timers ?? throw new InvalidOperationException("The host has not started.");
        return timers.FireNowAsync(name, cancellationToken);
    }

    async Task ITimerInvocationSink.InvokeTimerAsync(TimerFunction timer, TimerInfoPayload payload, CancellationToken cancellationToken)
    {
        var function = _functions.First(f => f.Name == timer.Name);
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.Id,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Json = payload.ToJson() } });
        var response = await _invoker.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            var reason = response.Result?.Exception?.Message ?? response.Result?.Result ?? "no result";
            HostLog.InvocationFailed(_logger, timer.Name, request.InvocationId, reason);
            throw new InvalidOperationException($"Timer function {timer.Name} failed (invocation {request.InvocationId}): {reason}");
        }
    }

    async Task<bool> IQueueInvocationSink.InvokeQueueAsync(QueueFunction queue, QueueMessage message, string body, CancellationToken cancellationToken)
    {
        var function = _functions.First(f => f.Name == queue.Name);
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.Id,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" },
        };
        QueueTriggerInput.Fill(request, function.Trigger.Name, message, body);
        try
        {
            var response = await _invoker.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                return true;
            }

            HostLog.InvocationFailed(_logger, queue.Name, request.InvocationId, response.Result?.Exception?.Message ?? response.Result?.Result ?? "no result");
            return false;
        }
        catch (WorkerUnavailableException)
        {
            HostLog.WorkerGoneForRequest(_logger, queue.Name, request.InvocationId);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var listener in _queues)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_timers is not null)
        {
            await _timers.DisposeAsync().ConfigureAwait(false);
        }

        if (_frontEnd is not null)
        {
            await _frontEnd.DisposeAsync().ConfigureAwait(false);
        }

        await StopWorkerAsync().ConfigureAwait(false);
        _channel.Close("The host is shutting down.");
        await _rpc.DisposeAsync().ConfigureAwait(false);
        _worker.Dispose();
    }

    private async Task InitializeAsync(string appDirectory, long started, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartupTimeout);
        var token = timeout.Token;

        await StartupStepAsync(_channel.Started, "connect", token, cancellationToken).ConfigureAwait(false);

        var init = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
        };
        var initResponse = await StartupStepAsync(_channel.RequestAsync(init, WorkerChannel.RequestKey(init.RequestId), token), "initialize", token, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(initResponse.WorkerInitResponse.Result, "initialize");

        var metadataRequest = new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        };
        var metadata = (await StartupStepAsync(_channel.RequestAsync(metadataRequest, WorkerChannel.RequestKey(metadataRequest.RequestId), token), "index its functions", token, cancellationToken).ConfigureAwait(false))
            .FunctionMetadataResponse;
        _functions = metadata.UseDefaultMetadataIndexing || metadata.Result?.Status != StatusResult.Types.Status.Success
            ? FunctionMetadataReader.FromFile(Path.Combine(appDirectory, FunctionMetadataReader.MetadataFileName))
            : FunctionMetadataReader.FromWorker(metadata.FunctionMetadataResults);

        var loads = _functions.Select(async function =>
        {
            var load = new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionLoadRequest = FunctionMetadataReader.ToLoadRequest(function, appDirectory) };
            var answer = await _channel.RequestAsync(load, WorkerChannel.LoadKey(function.Id), token).ConfigureAwait(false);
            EnsureSuccess(answer.FunctionLoadResponse.Result, $"load {function.Name}");
        });
        await StartupStepAsync(Task.WhenAll(loads), "load the functions", token, cancellationToken).ConfigureAwait(false);
        StartupTime = Stopwatch.GetElapsedTime(started);
        HostLog.WorkerReady(_logger, (long)StartupTime.TotalMilliseconds, _functions.Count);

        await StartServingAsync(token).ConfigureAwait(false);
    }

    private async Task StartServingAsync(CancellationToken cancellationToken)
    {
        var appDirectory = Path.GetFullPath(_options.AppDirectory);
        var hostJson = HostJson.Load(appDirectory, Settings);
        RoutePrefix = hostJson.RoutePrefix;
        QueueSettings = hostJson.Queues;
        var prefix = new RoutePrefix(RoutePrefix);
        var routes = new RouteTable(_functions.Where(f => f.IsHttp).Select(HttpRoute.FromFunction));
        var zone = _options.TimeZone ?? (Settings["WEBSITE_TIME_ZONE"] is { Length: > 0 } zoneId ? TimeZoneInfo.FindSystemTimeZoneById(zoneId) : TimeZoneInfo.Utc);
        _timers = new TimerScheduler(_functions.Where(f => f.IsTimer && !IsDisabled(f)).Select(f => TimerFunction.FromFunction(f, Settings)), this, _options.TimeProvider, zone, _logger);

        var handler = new FunctionRequestHandler(routes, prefix, _functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase), _invoker, FireFromAdminAsync, new HostKeys(_options.FunctionKey), _logger);
        var port = _options.HttpPort ?? (Settings.SourceFile is { } file ? LocalSettingsFile.Load(file).LocalHttpPort : null) ?? 7071;
        _frontEnd = await HttpFrontEnd.StartAsync(handler.HandleAsync, port, _options.LoggerFactory ?? NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);

        if (_logger.IsEnabled(LogLevel.Information))
        {
            foreach (var route in routes.Routes)
            {
                var methods = route.Methods is null ? "ANY" : string.Join(",", route.Methods.Order(StringComparer.Ordinal));
                var url = new Uri(_frontEnd.BaseAddress, prefix.PathOf(route.Template)).ToString();
                HostLog.HttpFunction(_logger, route.FunctionName, methods, url, route.AuthLevel);
            }

            foreach (var name in _timers.Names)
            {
                var schedule = _functions.First(f => f.Name == name).Trigger.Text("schedule") ?? string.Empty;
                var next = _timers.NextOccurrence(name);
                HostLog.TimerFunction(_logger, name, schedule, next);
            }
        }

        if (_options.RunTimerSchedules)
        {
            _timers.Start();
        }

        if (_options.RunQueueTriggers)
        {
            StartQueueListeners();
        }
    }

    private bool IsDisabled(FunctionDescriptor function)
    {
        if (!QueueFunction.IsDisabled(function.Name, Settings))
        {
            return false;
        }

        HostLog.FunctionDisabled(_logger, function.Name);
        return true;
    }

    /// <summary>One listener per queue function; a function whose queue or connection cannot be resolved is in error and not run, as on the host.</summary>
    private void StartQueueListeners()
    {
        foreach (var function in _functions.Where(f => f.IsQueue && !IsDisabled(f)))
        {
            QueueFunction queue;
            try
            {
                queue = QueueFunction.FromFunction(function, Settings);
            }
            catch (InvalidOperationException ex)
            {
                HostLog.QueueFunctionInError(_logger, function.Name, ex.Message);
                continue;
            }

            var listener = new QueueListener(queue, QueueSettings, this, _logger);
            _queues.Add(listener);
            HostLog.QueueFunction(_logger, queue.Name, queue.QueueName, QueueSettings.BatchSize, QueueSettings.EffectiveNewBatchThreshold,
                QueueSettings.MaxPollingInterval.TotalMilliseconds, QueueSettings.VisibilityTimeout.TotalSeconds, QueueSettings.MaxDequeueCount, queue.PoisonQueueName ?? "(none)");
            listener.Start();
        }
    }

    private async Task<AdminFireResult> FireFromAdminAsync(string name, CancellationToken cancellationToken)
    {
        var function = _functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            return AdminFireResult.NotFound;
        }

        if (!function.IsTimer)
        {
            return AdminFireResult.NotSupported;
        }

        try
        {
            await _timers!.FireNowAsync(function.Name, cancellationToken).ConfigureAwait(false);
            return AdminFireResult.Accepted;
        }
        catch (Exception ex) when (ex is InvalidOperationException or WorkerUnavailableException)
        {
            return AdminFireResult.Failed;
        }
    }

    /// <summary>Awaits one start-up step, failing at once with the worker's stderr if the worker dies meanwhile.</summary>
    private async Task<T> StartupStepAsync<T>(Task<T> step, string what, CancellationToken timeout, CancellationToken cancellationToken)
    {
        await StartupStepAsync((Task)step, what, timeout, cancellationToken).ConfigureAwait(false);
        return await step.ConfigureAwait(false);
    }

    private async Task StartupStepAsync(Task step, string what, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(step, _worker.Exited).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_worker.HasExited && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(what);
        }

        if (_worker.HasExited)
        {
            var code = await _worker.Exited.ConfigureAwait(false);
            throw new WorkerStartupException($"The worker exited with code {code} before it could {what}. Its stderr:{Environment.NewLine}{_worker.StandardErrorTail}");
        }

        try
        {
            await step.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(what);
        }
        catch (Exception ex) when (ex is not WorkerStartupException and not OperationCanceledException)
        {
            throw new WorkerStartupException($"The worker could not {what}: {ex.Message}{Environment.NewLine}{_worker.StandardErrorTail}", ex);
        }
    }

    private WorkerStartupException TimedOut(string what) =>
        new($"The worker did not {what} within {_options.StartupTimeout.TotalSeconds:0} s. Its stderr:{Environment.NewLine}{_worker.StandardErrorTail}");

    private static void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            var exception = result?.Exception;
            throw new WorkerStartupException($"The worker failed to {what}: {exception?.Message ?? result?.Result ?? "no status"}{(exception?.StackTrace is { Length: > 0 } stack ? Environment.NewLine + stack : string.Empty)}");
        }
    }

    private void OnWorkerExited(int exitCode)
    {
        _channel.Close($"The worker exited with code {exitCode}.");
        if (Volatile.Read(ref _disposed) == 0)
        {
            HostLog.WorkerExited(_logger, exitCode);
        }
    }

    private async Task StopWorkerAsync()
    {
        if (_worker.HasExited)
        {
            return;
        }

        var grace = _options.ShutdownGracePeriod;
        var stopping = Stopwatch.GetTimestamp();
        try
        {
            _channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(grace) } });
        }
        catch (WorkerUnavailableException)
        {
            // Not connected (start-up failed early): go straight to the kill below if needed.
        }

        var exited = await Task.WhenAny(_worker.Exited, Task.Delay(grace)).ConfigureAwait(false);
        if (exited == _worker.Exited)
        {
            var code = await _worker.Exited.ConfigureAwait(false);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(stopping).TotalMilliseconds;
            HostLog.WorkerStopped(_logger, code, elapsedMs);
            return;
        }

        HostLog.WorkerKilled(_logger, grace.TotalSeconds);
        _worker.Kill();
        await Task.WhenAny(_worker.Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    /// <summary>Invocations over the channel, keyed by invocation id.</summary>
    private sealed class Invoker(WorkerChannel channel) : IFunctionInvoker
    {
        public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
        {
            var message = new StreamingMessage { RequestId = request.InvocationId, InvocationRequest = request };
            var answer = await channel.RequestAsync(message, WorkerChannel.InvocationKey(request.InvocationId), cancellationToken).ConfigureAwait(false);
            return answer.InvocationResponse;
        }
    }
}
