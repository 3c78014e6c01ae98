using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Lena.Tables.Probe;

/// <summary>The runtime's allocation samples (one per ≈ 100 KB allocated), summed by type while started.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start()
    {
        _byType.Clear();
        _on = true;
    }

    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _on = false;
        return [.. _byType.OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_on || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _byType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
