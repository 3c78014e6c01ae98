namespace Lena.LocalHost.Queues;

/// <summary>
/// The delay between polls of a queue: the minimum (100 ms) after a poll that found messages, and
/// after each empty poll roughly twice the previous delay (randomised by ±20% so several listeners
/// drift apart), capped at maxPollingInterval — the behaviour of the extension's randomized
/// exponential back-off.
/// </summary>
public sealed class PollingBackoff(TimeSpan minimum, TimeSpan maximum, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private TimeSpan _current = TimeSpan.Zero;

    public TimeSpan Next(bool foundMessages)
    {
        if (foundMessages || _current == TimeSpan.Zero)
        {
            _current = minimum;
            return foundMessages ? minimum : Cap(minimum);
        }

        var doubled = _current.Ticks * 2 * (0.8 + (0.4 * _random.NextDouble()));
        _current = Cap(TimeSpan.FromTicks((long)Math.Min(doubled, maximum.Ticks)));
        return _current;
    }

    private TimeSpan Cap(TimeSpan value) => value > maximum ? maximum : value < minimum ? minimum : value;
}
