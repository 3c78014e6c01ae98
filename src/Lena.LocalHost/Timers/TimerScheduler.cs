namespace Lena.LocalHost.Timers;

/// <summary>
/// Fires each timer function on its schedule (read in <c>zone</c>, UTC by default) and on demand.
/// One run of a timer at a time, as the host's singleton lock ensures: a manual run waits for a
/// scheduled one and the other way round. A run that starts after the following occurrence has
/// already passed is marked <c>IsPastDue</c>. A failed run is logged and the schedule goes on.
/// </summary>
public sealed class TimerScheduler : IAsyncDisposable
{
    private readonly Dictionary<string, TimerState> _timers;
    private readonly ITimerInvocationSink _sink;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public TimerScheduler(IEnumerable<TimerFunction> timers, ITimerInvocationSink sink, TimeProvider time, TimeZoneInfo zone, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timers);
        _timers = timers.ToDictionary(t => t.Name, t => new TimerState(t), StringComparer.OrdinalIgnoreCase);
        _sink = sink;
        _time = time;
        _zone = zone;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Names => _timers.Keys;

    /// <summary>Starts one loop per timer; a timer with <c>runOnStartup</c> runs once first.</summary>
    public void Start()
    {
        foreach (var state in _timers.Values)
        {
            _loops.Add(RunLoopAsync(state, _stopping.Token));
        }
    }

    /// <summary>The next scheduled occurrence of a timer after now.</summary>
    public DateTimeOffset? NextOccurrence(string name) =>
        _timers.TryGetValue(name, out var state) ? state.Timer.Schedule.NextAfter(_time.GetUtcNow(), _zone) : null;

    public bool Contains(string name) => _timers.ContainsKey(name);

    /// <summary>Runs a timer now (the admin endpoint); throws what the sink throws.</summary>
    public Task FireNowAsync(string name, CancellationToken cancellationToken)
    {
        if (!_timers.TryGetValue(name, out var state))
        {
            throw new KeyNotFoundException($"No timer function named '{name}'.");
        }

        var now = _time.GetUtcNow();
        return RunAsync(state, now, state.Timer.Schedule.NextAfter(now, _zone), isPastDue: false, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
        foreach (var state in _timers.Values)
        {
            state.Gate.Dispose();
        }
    }

    private async Task RunLoopAsync(TimerState state, CancellationToken cancellationToken)
    {
        var schedule = state.Timer.Schedule;
        if (state.Timer.RunOnStartup)
        {
            var now = _time.GetUtcNow();
            await RunLoggedAsync(state, now, schedule.NextAfter(now, _zone), false, cancellationToken).ConfigureAwait(false);
        }

        var from = _time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested && schedule.NextAfter(from, _zone) is { } due)
        {
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            var following = schedule.NextAfter(due, _zone);
            var pastDue = following is { } f && _time.GetUtcNow() >= f;
            await RunLoggedAsync(state, _time.GetUtcNow(), following, pastDue, cancellationToken).ConfigureAwait(false);
            var finished = _time.GetUtcNow();
            from = finished > due ? finished : due;
        }
    }

    private async Task RunLoggedAsync(TimerState state, DateTimeOffset now, DateTimeOffset? next, bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(state, now, next, isPastDue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HostLog.TimerRunFailed(_logger, ex, state.Timer.Name);
        }
    }

    private async Task RunAsync(TimerState state, DateTimeOffset now, DateTimeOffset? next, bool isPastDue, CancellationToken cancellationToken)
    {
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var payload = new TimerInfoPayload(state.LastRun, next, now, isPastDue);
            HostLog.TimerFiring(_logger, state.Timer.Name, isPastDue);
            state.LastRun = now;
            await _sink.InvokeTimerAsync(state.Timer, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private sealed class TimerState(TimerFunction timer)
    {
        public TimerFunction Timer { get; } = timer;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset? LastRun { get; set; }
    }
}
