using Lena.Courses.Reminders;

namespace Lena.Courses.Tests.Support;

/// <summary>
/// A queue writer that "crashes": it throws on the sends listed in <paramref name="failOn"/> (1-based),
/// before the message reaches the queue, or after it when <paramref name="afterEnqueue"/>.
/// </summary>
public sealed class FlakySender(IReminderSender inner, int[] failOn, bool afterEnqueue = false) : IReminderSender
{
    private int _calls;

    public List<ReminderMessage> Attempts { get; } = [];

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Attempts)
        {
            Attempts.Add(message);
        }

        var fail = failOn.Contains(call);
        if (fail && !afterEnqueue)
        {
            throw new IOException("simulated crash before the message reached the queue");
        }

        await inner.SendAsync(message, cancellationToken);
        if (fail)
        {
            throw new IOException("simulated crash after enqueue, before the claim was confirmed");
        }
    }
}

/// <summary>Widens the window between claim and confirm so concurrent sweeps really overlap.</summary>
public sealed class SlowSender(IReminderSender inner) : IReminderSender
{
    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        await Task.Delay(Random.Shared.Next(0, 4), cancellationToken);
        await inner.SendAsync(message, cancellationToken);
    }
}

/// <summary>Holds each send for a moment and records how many were in flight at once.</summary>
public sealed class OverlapSender(IReminderSender inner) : IReminderSender
{
    private int _inFlight;
    private int _most;

    public int MostInFlight => Volatile.Read(ref _most);

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }

        try
        {
            await Task.Delay(25, cancellationToken);
            await inner.SendAsync(message, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
