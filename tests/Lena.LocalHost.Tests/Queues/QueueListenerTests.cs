using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Lena.LocalHost.Queues;
using Lena.LocalHost.Tests.EndToEnd;
using Lena.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lena.LocalHost.Tests.Queues;

/// <summary>The queue listener against Azurite with a recording sink in place of the worker.</summary>
[Collection(LocalHostGroup.Name)]
public class QueueListenerTests(LocalHostFixture fixture)
{
    private sealed class Sink(Func<QueueMessage, string, bool> outcome, TimeSpan? work = null) : IQueueInvocationSink
    {
        private int _running;

        public ConcurrentQueue<(string Body, long DequeueCount, DateTimeOffset At)> Calls { get; } = new();

        public int MaxConcurrent { get; private set; }

        public async Task<bool> InvokeQueueAsync(QueueFunction queue, QueueMessage message, string body, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            lock (Calls)
            {
                MaxConcurrent = Math.Max(MaxConcurrent, running);
            }

            Calls.Enqueue((body, message.DequeueCount, DateTimeOffset.UtcNow));
            if (work is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
            }

            Interlocked.Decrement(ref _running);
            return outcome(message, body);
        }
    }

    private static readonly QueueSettings Fast = new()
    {
        MaxPollingInterval = TimeSpan.FromMilliseconds(300),
        VisibilityTimeout = TimeSpan.FromSeconds(1),
        MaxDequeueCount = 3,
        MessageEncoding = QueueBodyEncoding.None,
    };

    private async Task<(QueueClient Queue, QueueFunction Function)> QueueAsync(params string[] messages)
    {
        var name = AzuriteFixture.UniqueName("listen");
        var queue = new QueueClient(fixture.StorageConnectionString, name);
        await queue.CreateAsync();
        foreach (var message in messages)
        {
            await queue.SendMessageAsync(message);
        }

        return (queue, new QueueFunction("Listen", name, fixture.StorageConnectionString));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    private static async Task<int> CountAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    [Fact]
    public async Task ASucceededMessageIsDeletedAndABase64BodyArrivesDecoded()
    {
        var (queue, function) = await QueueAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"n":1}""")));
        var sink = new Sink((_, _) => true);
        await using (var listener = new QueueListener(function, Fast with { MessageEncoding = QueueBodyEncoding.Base64 }, sink, NullLogger.Instance))
        {
            listener.Start();
            await WaitAsync(async () => sink.Calls.Count == 1 && await CountAsync(queue) == 0, "the message to be processed and deleted");
        }

        var call = Assert.Single(sink.Calls);
        Assert.Equal(("""{"n":1}""", 1L), (call.Body, call.DequeueCount));
    }

    [Fact]
    public async Task AFailingMessageIsRetriedAfterTheVisibilityTimeoutThenMovedToThePoisonQueueAfterMaxDequeueCount()
    {
        var (queue, function) = await QueueAsync("""{"n":2}""");
        var sink = new Sink((_, _) => false);
        var poison = new QueueClient(fixture.StorageConnectionString, function.PoisonQueueName);
        await using (var listener = new QueueListener(function, Fast, sink, NullLogger.Instance))
        {
            listener.Start();
            // The listener counts a poisoned message after moving it, so the poison queue can show it a moment before the count does.
            await WaitAsync(async () => await CountAsync(poison) == 1 && listener.PoisonedCount == 1, "the poison queue and the listener's count");
            Assert.Equal(1, listener.PoisonedCount);
        }

        var calls = sink.Calls.ToArray();
        Assert.Equal([1L, 2L, 3L], calls.Select(c => c.DequeueCount));
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(900), $"retried after {(pair.Second.At - pair.First.At).TotalMilliseconds:0} ms"));
        Assert.Equal("""{"n":2}""", (await poison.ReceiveMessageAsync()).Value.MessageText);
        Assert.Equal(0, await CountAsync(queue));
    }

    [Fact]
    public async Task AMessageSeenMoreOftenThanMaxDequeueCountGoesToThePoisonQueueWithoutARun()
    {
        var (queue, function) = await QueueAsync("""{"n":3}""");
        for (var i = 0; i < 3; i++)
        {
            // Received and abandoned, as by a host that crashed mid-invocation (1 s is the shortest invisibility).
            Assert.NotNull((await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value);
            await Task.Delay(TimeSpan.FromMilliseconds(1200));
        }

        var sink = new Sink((_, _) => true);
        var poison = new QueueClient(fixture.StorageConnectionString, function.PoisonQueueName);
        await using (var listener = new QueueListener(function, Fast, sink, NullLogger.Instance))
        {
            listener.Start();
            await WaitAsync(async () => await CountAsync(poison) == 1, "the poison queue");
        }

        Assert.Empty(sink.Calls);
    }

    [Fact]
    public async Task NoMoreThanNewBatchThresholdPlusBatchSizeRunAtOnce()
    {
        var (queue, function) = await QueueAsync([.. Enumerable.Range(0, 12).Select(i => $$"""{"n":{{i}}}""")]);
        var sink = new Sink((_, _) => true, work: TimeSpan.FromMilliseconds(300));
        await using (var listener = new QueueListener(function, Fast with { BatchSize = 2, NewBatchThreshold = 1 }, sink, NullLogger.Instance))
        {
            listener.Start();
            await WaitAsync(async () => sink.Calls.Count == 12 && await CountAsync(queue) == 0, "all twelve messages");
        }

        Assert.InRange(sink.MaxConcurrent, 2, 3);
    }
}
