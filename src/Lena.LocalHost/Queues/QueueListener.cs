using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Lena.LocalHost.Queues;

/// <summary>
/// Runs one queue-triggered function the way the Storage Queues extension does:
/// <list type="bullet">
/// <item>polls for up to <c>batchSize</c> messages, each received invisible for 10 minutes and kept
/// invisible (renewed halfway) while its invocation runs; polls again at once while messages come,
/// and backs off exponentially to <c>maxPollingInterval</c> while the queue is empty or missing;</item>
/// <item>runs a batch's messages concurrently and fetches the next batch once no more than
/// <c>newBatchThreshold</c> are still running;</item>
/// <item>deletes a message whose invocation succeeded; after a failure makes it visible again after
/// <c>visibilityTimeout</c> (the retry delay), or, when its dequeue count has reached
/// <c>maxDequeueCount</c>, copies it to <c>&lt;queue&gt;-poison</c> and deletes it. A message seen with
/// a dequeue count above the maximum (a crash mid-way) goes to the poison queue without a run.</item>
/// </list>
/// </summary>
public sealed class QueueListener : IAsyncDisposable
{
    /// <summary>How long a received message stays invisible while it is processed (renewed halfway), as in the extension.</summary>
    public static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    private readonly QueueFunction _function;
    private readonly QueueSettings _settings;
    private readonly IQueueInvocationSink _sink;
    private readonly ILogger _logger;
    private readonly QueueClient _queue;
    private readonly QueueClient? _poison;
    private readonly PollingBackoff _backoff;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _processing = [];
    private Task? _loop;
    private bool _poisonCreated;

    public QueueListener(QueueFunction function, QueueSettings settings, IQueueInvocationSink sink, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _settings = settings;
        _sink = sink;
        _logger = logger;
        var options = new QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None };
        _queue = new QueueClient(function.ConnectionString, function.QueueName, options);
        _poison = function.PoisonQueueName is { } poison ? new QueueClient(function.ConnectionString, poison, options) : null;
        _backoff = new PollingBackoff(QueueSettings.MinimumPollingInterval, settings.MaxPollingInterval);
    }

    public QueueFunction Function => _function;

    /// <summary>Messages this listener moved to the poison queue so far.</summary>
    public int PoisonedCount => Volatile.Read(ref _poisoned);

    private int _poisoned;

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var exists = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] batch = [];
            try
            {
                exists = exists || await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false);
                if (exists)
                {
                    batch = (await _queue.ReceiveMessagesAsync(_settings.BatchSize, ProcessingVisibility, cancellationToken).ConfigureAwait(false)).Value;
                }
            }
            catch (RequestFailedException ex)
            {
                // Missing queue, storage down: check again after the back-off, as the extension does.
                exists = false;
                HostLog.QueuePollFailed(_logger, _function.Name, _function.QueueName, ex.Status, ex.ErrorCode ?? ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
            {
                exists = false;
                HostLog.QueuePollFailed(_logger, _function.Name, _function.QueueName, 0, ex.Message);
            }

            foreach (var message in batch)
            {
                _processing.Add(ProcessAsync(message, cancellationToken));
            }

            if (batch.Length == 0)
            {
                await Task.Delay(_backoff.Next(foundMessages: false), cancellationToken).ConfigureAwait(false);
                continue;
            }

            _backoff.Next(foundMessages: true);
            while (_processing.Count > _settings.EffectiveNewBatchThreshold)
            {
                _processing.Remove(await Task.WhenAny(_processing).ConfigureAwait(false));
            }

            _processing.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(_processing).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > _settings.MaxDequeueCount)
            {
                await PoisonAsync(message, message.PopReceipt).ConfigureAwait(false);
                return;
            }

            var receipt = new Receipt(message.PopReceipt);
            bool succeeded;
            using (var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var renewing = KeepInvisibleAsync(message.MessageId, receipt, running.Token);
                try
                {
                    succeeded = Decode(message) is { } body && await _sink.InvokeQueueAsync(_function, message, body, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await running.CancelAsync().ConfigureAwait(false);
                    await renewing.ConfigureAwait(false);
                }
            }

            if (succeeded)
            {
                await _queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None).ConfigureAwait(false);
            }
            else if (_poison is not null && message.DequeueCount >= _settings.MaxDequeueCount)
            {
                await PoisonAsync(message, receipt.Value).ConfigureAwait(false);
            }
            else if (_poison is not null)
            {
                // Visible again after visibilityTimeout: the next poll retries it with a higher dequeue count.
                await _queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                HostLog.QueueMessageReleased(_logger, _function.Name, message.MessageId, message.DequeueCount, _settings.VisibilityTimeout.TotalSeconds);
            }

            // With no poison queue the extension leaves a failed message invisible, to avoid a hot loop.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again when its invisibility runs out.
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404 or 409)
        {
            // Pop receipt mismatch, message or queue gone: someone else owns the message now.
            HostLog.QueueCompletionSkipped(_logger, _function.Name, message.MessageId, ex.ErrorCode ?? ex.Message);
        }
    }

    private string? Decode(QueueMessage message)
    {
        var text = message.MessageText;
        if (_settings.MessageEncoding == QueueBodyEncoding.None)
        {
            return text;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            // Not Base64 while host.json says base64: the function cannot bind it, so the run fails.
            HostLog.QueueMessageNotBase64(_logger, _function.Name, message.MessageId);
            return null;
        }
    }

    private async Task PoisonAsync(QueueMessage message, string popReceipt)
    {
        if (_poison is null)
        {
            return;
        }

        if (!_poisonCreated)
        {
            await _poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            _poisonCreated = true;
        }

        await _poison.SendMessageAsync(message.MessageText, CancellationToken.None).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
        Interlocked.Increment(ref _poisoned);
        HostLog.QueueMessagePoisoned(_logger, _function.Name, message.MessageId, _settings.MaxDequeueCount, _poison.Name);
    }

    /// <summary>Renews the message's invisibility halfway through each period while its invocation runs.</summary>
    private async Task KeepInvisibleAsync(string messageId, Receipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProcessingVisibility / 2, cancellationToken).ConfigureAwait(false);
                var updated = await _queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: ProcessingVisibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // The invocation finished.
        }
        catch (RequestFailedException ex)
        {
            HostLog.QueueCompletionSkipped(_logger, _function.Name, messageId, ex.ErrorCode ?? ex.Message);
        }
    }

    /// <summary>The message's current pop receipt (each visibility update issues a new one).</summary>
    private sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
