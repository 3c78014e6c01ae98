using System.Globalization;
using System.Text.Json;

namespace Lena.LocalHost.Queues;

/// <summary>How the body of a queue message is written: Base64 (the extension's default) or plain text.</summary>
public enum QueueBodyEncoding
{
    Base64,
    None,
}

/// <summary>
/// The queue trigger settings of host.json (<c>extensions.queues</c>), with the Storage Queues
/// extension's defaults and limits: batchSize 16 (1–32), newBatchThreshold batchSize/2 × processors,
/// maxPollingInterval 1 minute (at least 100 ms; a TimeSpan or, as in version 1, milliseconds),
/// visibilityTimeout 0 (the delay before a failed message is tried again), maxDequeueCount 5 (at
/// least 1), messageEncoding base64.
/// </summary>
public sealed record QueueSettings
{
    public const int MaxBatchSize = 32;
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 16;

    /// <summary>Null: batchSize/2 × processor count, as the extension defaults it.</summary>
    public int? NewBatchThreshold { get; init; }

    public TimeSpan MaxPollingInterval { get; init; } = DefaultMaxPollingInterval;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    public QueueBodyEncoding MessageEncoding { get; init; } = QueueBodyEncoding.Base64;

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2 * Environment.ProcessorCount;

    /// <summary>
    /// Reads <c>extensions.queues</c>; each value may be overridden by an app setting
    /// <c>AzureFunctionsJobHost__extensions__queues__&lt;name&gt;</c>, as the Functions host allows.
    /// A value out of range is refused, as the extension refuses it at start-up.
    /// </summary>
    public static QueueSettings Parse(JsonElement? queues, Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        string? Read(string name)
        {
            var overridden = setting("AzureFunctionsJobHost__extensions__queues__" + name);
            if (overridden is not null)
            {
                return overridden;
            }

            if (queues is { ValueKind: JsonValueKind.Object } section)
            {
                foreach (var property in section.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    }
                }
            }

            return null;
        }

        var settings = new QueueSettings();
        if (Read("batchSize") is { } batch)
        {
            settings = settings with { BatchSize = Integer("batchSize", batch, 1, MaxBatchSize) };
        }

        if (Read("newBatchThreshold") is { } threshold)
        {
            settings = settings with { NewBatchThreshold = Integer("newBatchThreshold", threshold, 0, int.MaxValue) };
        }

        if (Read("maxDequeueCount") is { } dequeue)
        {
            settings = settings with { MaxDequeueCount = Integer("maxDequeueCount", dequeue, 1, int.MaxValue) };
        }

        if (Read("maxPollingInterval") is { } polling)
        {
            var interval = Duration("maxPollingInterval", polling, millisecondsAllowed: true);
            if (interval < MinimumPollingInterval)
            {
                throw new InvalidOperationException($"host.json extensions.queues.maxPollingInterval '{polling}' is below the minimum of {MinimumPollingInterval.TotalMilliseconds:0} ms.");
            }

            settings = settings with { MaxPollingInterval = interval };
        }

        if (Read("visibilityTimeout") is { } visibility)
        {
            var timeout = Duration("visibilityTimeout", visibility, millisecondsAllowed: false);
            if (timeout < TimeSpan.Zero || timeout > TimeSpan.FromDays(7))
            {
                throw new InvalidOperationException($"host.json extensions.queues.visibilityTimeout '{visibility}' must be between 0 and 7 days.");
            }

            settings = settings with { VisibilityTimeout = timeout };
        }

        if (Read("messageEncoding") is { } encoding)
        {
            settings = settings with
            {
                MessageEncoding = encoding.ToUpperInvariant() switch
                {
                    "BASE64" => QueueBodyEncoding.Base64,
                    "NONE" => QueueBodyEncoding.None,
                    _ => throw new InvalidOperationException($"host.json extensions.queues.messageEncoding '{encoding}' is neither 'base64' nor 'none'."),
                },
            };
        }

        return settings;
    }

    private static int Integer(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"host.json extensions.queues.{name} '{text}' must be a whole number from {min} to {max}.");

    private static TimeSpan Duration(string name, string text, bool millisecondsAllowed)
    {
        if (millisecondsAllowed && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"host.json extensions.queues.{name} '{text}' is not a time span such as 00:00:30.");
    }
}
