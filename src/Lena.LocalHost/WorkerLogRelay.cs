using System.Collections.Concurrent;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost;

/// <summary>
/// Puts the worker's <c>RpcLog</c> messages and stderr lines on the host's console (through the
/// logger factory, in the worker's category and level, with the invocation id), and keeps the
/// most recent ones for <see cref="LocalFunctionsHost.Logs"/>.
/// </summary>
internal sealed class WorkerLogRelay(ILoggerFactory loggerFactory, TimeProvider time, int capacity = 5000)
{
    private readonly ConcurrentQueue<WorkerLogEntry> _entries = new();

    public IReadOnlyList<WorkerLogEntry> Snapshot() => _entries.ToArray();

    public void OnRpcLog(RpcLog log)
    {
        if (log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric)
        {
            return;
        }

        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (level == LogLevel.None)
        {
            return;
        }

        var exception = log.Exception is { } ex && (ex.Message.Length > 0 || ex.StackTrace.Length > 0)
            ? $"{ex.Type}: {ex.Message}{Environment.NewLine}{ex.StackTrace}".Trim()
            : null;
        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        var invocationId = string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId;
        Add(new WorkerLogEntry(time.GetUtcNow(), level, category, log.Message, invocationId, exception));

        var logger = loggerFactory.CreateLogger(category);
        var message = exception is null ? log.Message : log.Message + Environment.NewLine + exception;
        if (invocationId is null)
        {
            HostLog.WorkerLine(logger, level, message);
        }
        else
        {
            HostLog.WorkerInvocationLine(logger, level, message, invocationId);
        }
    }

    public void OnStderr(string line)
    {
        Add(new WorkerLogEntry(time.GetUtcNow(), LogLevel.Error, "Worker.Stderr", line, null, null));
        HostLog.WorkerLine(loggerFactory.CreateLogger("Worker.Stderr"), LogLevel.Error, line);
    }

    private void Add(WorkerLogEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > capacity && _entries.TryDequeue(out _))
        {
        }
    }
}
