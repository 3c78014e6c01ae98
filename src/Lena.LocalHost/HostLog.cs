namespace Lena.LocalHost;

/// <summary>The host's log messages (source-generated; worker lines keep the worker's own text and level).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Worker process {ProcessId} started: {Assembly}")]
    public static partial void WorkerStarted(ILogger logger, int processId, string assembly);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Worker ready in {ElapsedMs} ms: {FunctionCount} functions loaded")]
    public static partial void WorkerReady(ILogger logger, long elapsedMs, int functionCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Function}: [{Methods}] {Url} (auth level {AuthLevel}, not enforced locally)")]
    public static partial void HttpFunction(ILogger logger, string function, string methods, string url, string authLevel);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Function}: timer '{Schedule}', next run {Next}")]
    public static partial void TimerFunction(ILogger logger, string function, string schedule, DateTimeOffset? next);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Settings from {SettingsFile}")]
    public static partial void SettingsLoaded(ILogger logger, string settingsFile);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "No local.settings.json or local.settings.sample.json found; the worker gets only the caller's settings")]
    public static partial void NoSettingsFile(ILogger logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Worker process exited with code {ExitCode}")]
    public static partial void WorkerExited(ILogger logger, int exitCode);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Worker stopped (exit code {ExitCode}) {ElapsedMs} ms after WorkerTerminate")]
    public static partial void WorkerStopped(ILogger logger, int exitCode, long elapsedMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Worker did not exit within the {GraceSeconds} s grace period; killed")]
    public static partial void WorkerKilled(ILogger logger, double graceSeconds);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "{Function} (invocation {InvocationId}) failed: {Reason}")]
    public static partial void InvocationFailed(ILogger logger, string function, string invocationId, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "{Function} (invocation {InvocationId}) not run: the worker is gone")]
    public static partial void WorkerGoneForRequest(ILogger logger, string function, string invocationId);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Timer {Function} firing (past due: {IsPastDue})")]
    public static partial void TimerFiring(ILogger logger, string function, bool isPastDue);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {ElapsedMs} ms")]
    public static partial void Request(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "Timer {Function} run failed")]
    public static partial void TimerRunFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 40, Message = "{Message}")]
    public static partial void WorkerLine(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 41, Message = "{Message} [invocation {InvocationId}]")]
    public static partial void WorkerInvocationLine(ILogger logger, LogLevel level, string message, string invocationId);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "{Function}: queue '{Queue}' (batch {BatchSize}, new batch at {NewBatchThreshold}, max polling interval {MaxPollingMs} ms, retry after {VisibilitySeconds} s, poison after {MaxDequeueCount} tries to '{PoisonQueue}')")]
    public static partial void QueueFunction(ILogger logger, string function, string queue, int batchSize, int newBatchThreshold, double maxPollingMs, double visibilitySeconds, int maxDequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "{Function}: polling queue '{Queue}' failed ({Status} {Reason}); backing off")]
    public static partial void QueuePollFailed(ILogger logger, string function, string queue, int status, string reason);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on try {DequeueCount}; visible again in {VisibilitySeconds} s")]
    public static partial void QueueMessageReleased(ILogger logger, string function, string messageId, long dequeueCount, double visibilitySeconds);

    [LoggerMessage(EventId = 53, Level = LogLevel.Error, Message = "{Function}: message {MessageId} has reached maxDequeueCount {MaxDequeueCount}; moved to queue '{PoisonQueue}'")]
    public static partial void QueueMessagePoisoned(ILogger logger, string function, string messageId, int maxDequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 54, Level = LogLevel.Debug, Message = "{Function}: message {MessageId} not completed: {Reason}")]
    public static partial void QueueCompletionSkipped(ILogger logger, string function, string messageId, string reason);

    [LoggerMessage(EventId = 55, Level = LogLevel.Error, Message = "{Function}: message {MessageId} is not Base64 (host.json messageEncoding is base64)")]
    public static partial void QueueMessageNotBase64(ILogger logger, string function, string messageId);

    [LoggerMessage(EventId = 56, Level = LogLevel.Error, Message = "{Function}: not listening: {Reason}")]
    public static partial void QueueFunctionInError(ILogger logger, string function, string reason);

    [LoggerMessage(EventId = 57, Level = LogLevel.Information, Message = "{Function}: disabled by its AzureWebJobs.<name>.Disabled setting")]
    public static partial void FunctionDisabled(ILogger logger, string function);
}
