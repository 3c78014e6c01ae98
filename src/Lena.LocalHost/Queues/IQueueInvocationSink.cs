using Azure.Storage.Queues.Models;

namespace Lena.LocalHost.Queues;

/// <summary>Where a received queue message goes: the worker in the host, a recorder in tests. True when the function succeeded.</summary>
public interface IQueueInvocationSink
{
    Task<bool> InvokeQueueAsync(QueueFunction queue, QueueMessage message, string body, CancellationToken cancellationToken);
}
