namespace Lena.LocalHost.Timers;

/// <summary>Where a due timer goes: the worker in the host, a recorder in tests. Throws when the invocation failed.</summary>
public interface ITimerInvocationSink
{
    Task InvokeTimerAsync(TimerFunction timer, TimerInfoPayload payload, CancellationToken cancellationToken);
}
