using System.Diagnostics;

namespace Lena.LocalHost.Worker;

/// <summary>
/// The running worker: its exit as a task (so a start-up crash is seen at once, not after a
/// timeout), the tail of its stderr for the error message, and its stdout passed to a callback.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _tailLock = new();

    private WorkerProcess(Process process, Action<string> onStdout, Action<string> onStderr)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onStdout(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_tailLock)
            {
                _stderrTail.Enqueue(e.Data);
                if (_stderrTail.Count > TailLines)
                {
                    _stderrTail.Dequeue();
                }
            }

            onStderr(e.Data);
        };
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(0);

    public bool HasExited => Exited.IsCompleted;

    public string StandardErrorTail
    {
        get
        {
            lock (_tailLock)
            {
                return string.Join(Environment.NewLine, _stderrTail);
            }
        }
    }

    public static WorkerProcess Start(ProcessStartInfo startInfo, Action<string> onStdout, Action<string> onStderr)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, onStdout, onStderr);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new WorkerStartupException($"Could not start '{startInfo.FileName}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        worker.Exited = worker.WaitForExitAsync();
        return worker;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }
}
