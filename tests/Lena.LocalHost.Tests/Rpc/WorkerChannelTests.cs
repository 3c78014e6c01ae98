using System.Threading.Channels;
using Grpc.Core;
using Lena.LocalHost.Rpc;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Tests.Rpc;

public class WorkerChannelTests
{
    /// <summary>The worker's side of the stream, in memory.</summary>
    private sealed class FakeStream : IAsyncStreamReader<StreamingMessage>, IServerStreamWriter<StreamingMessage>
    {
        public Channel<StreamingMessage> FromWorker { get; } = Channel.CreateUnbounded<StreamingMessage>();

        public Channel<StreamingMessage> ToWorker { get; } = Channel.CreateUnbounded<StreamingMessage>();

        public StreamingMessage Current { get; private set; } = new();

        public WriteOptions? WriteOptions { get; set; }

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await FromWorker.Reader.WaitToReadAsync(cancellationToken))
            {
                return false;
            }

            Current = await FromWorker.Reader.ReadAsync(cancellationToken);
            return true;
        }

        public Task WriteAsync(StreamingMessage message) => ToWorker.Writer.WriteAsync(message).AsTask();
    }

    private static StreamingMessage Invocation(string id) => new() { InvocationRequest = new InvocationRequest { InvocationId = id } };

    private static StreamingMessage Answer(string id, string marker) =>
        new() { InvocationResponse = new InvocationResponse { InvocationId = id, Result = new StatusResult { Status = StatusResult.Types.Status.Success, Result = marker } } };

    [Fact]
    public async Task AnswersFindTheirRequestsByInvocationIdWhateverTheirOrder()
    {
        var stream = new FakeStream();
        var channel = new WorkerChannel(_ => { });
        var running = channel.RunAsync(stream, stream, CancellationToken.None);
        await stream.FromWorker.Writer.WriteAsync(new StreamingMessage { StartStream = new StartStream { WorkerId = "w" } });
        Assert.Equal("w", await channel.Started.WaitAsync(TimeSpan.FromSeconds(10)));

        var first = channel.RequestAsync(Invocation("1"), WorkerChannel.InvocationKey("1"), CancellationToken.None);
        var second = channel.RequestAsync(Invocation("2"), WorkerChannel.InvocationKey("2"), CancellationToken.None);
        await stream.FromWorker.Writer.WriteAsync(Answer("2", "second"));
        await stream.FromWorker.Writer.WriteAsync(Answer("1", "first"));

        Assert.Equal("first", (await first.WaitAsync(TimeSpan.FromSeconds(10))).InvocationResponse.Result.Result);
        Assert.Equal("second", (await second.WaitAsync(TimeSpan.FromSeconds(10))).InvocationResponse.Result.Result);
        var sent = new[] { await stream.ToWorker.Reader.ReadAsync(), await stream.ToWorker.Reader.ReadAsync() };
        Assert.Equal(["1", "2"], sent.Select(m => m.InvocationRequest.InvocationId).Order());

        stream.FromWorker.Writer.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WhenTheStreamEndsWaitingRequestsFailAndNewOnesAreRefused()
    {
        var stream = new FakeStream();
        var logs = new List<RpcLog>();
        var channel = new WorkerChannel(logs.Add);
        var running = channel.RunAsync(stream, stream, CancellationToken.None);
        await stream.FromWorker.Writer.WriteAsync(new StreamingMessage { RpcLog = new RpcLog { Message = "hello" } });
        var waiting = channel.RequestAsync(Invocation("1"), WorkerChannel.InvocationKey("1"), CancellationToken.None);

        stream.FromWorker.Writer.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<WorkerUnavailableException>(() => waiting);
        await Assert.ThrowsAsync<WorkerUnavailableException>(() => channel.RequestAsync(Invocation("2"), WorkerChannel.InvocationKey("2"), CancellationToken.None));
        Assert.Equal("hello", Assert.Single(logs).Message);
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task TheEmptyMessageAcknowledgesTermination()
    {
        var stream = new FakeStream();
        var channel = new WorkerChannel(_ => { });
        var running = channel.RunAsync(stream, stream, CancellationToken.None);

        await stream.FromWorker.Writer.WriteAsync(new StreamingMessage());

        await channel.TerminateAcknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        stream.FromWorker.Writer.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
