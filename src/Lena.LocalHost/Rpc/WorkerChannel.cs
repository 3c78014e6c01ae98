using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Rpc;

/// <summary>
/// The host's end of the worker's one bidirectional stream. Everything sent goes through a
/// channel drained by a single writer loop (the gRPC stream writer is not thread-safe); answers
/// are matched to their requests by <c>request_id</c> (init, metadata), <c>function_id</c> (load)
/// or <c>invocation_id</c>, never by order, because the worker answers on the thread pool.
/// </summary>
internal sealed class WorkerChannel(Action<RpcLog> onLog)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _terminateAcknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attached;

    /// <summary>Completes with the worker id from <c>StartStream</c>.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Completes when the worker's stream has ended, normally or not.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Completes when the worker answered <c>WorkerTerminate</c> with its empty message.</summary>
    public Task TerminateAcknowledged => _terminateAcknowledged.Task;

    public bool IsOpen => Volatile.Read(ref _attached) == 1 && !_closed.Task.IsCompleted;

    /// <summary>Serves the stream for as long as the worker keeps it open. Only one worker may attach.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _attached, 1) == 1)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "A worker is already connected to this host."));
        }

        var writing = WriteLoopAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
        {
            // The worker went away: after WorkerTerminate this is the normal end of the stream.
        }
        finally
        {
            Close("The worker closed its stream.");
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Writing after the stream ended.
        }
    }

    public void Send(StreamingMessage message)
    {
        if (_closed.Task.IsCompleted || !_outbound.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException();
        }
    }

    /// <summary>Sends a message and waits for the answer carrying the same correlation key.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, string correlationKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(correlationKey, answer))
        {
            throw new InvalidOperationException($"A request with key {correlationKey} is already waiting for an answer.");
        }

        try
        {
            if (_closed.Task.IsCompleted)
            {
                throw new WorkerUnavailableException();
            }

            Send(message);
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(correlationKey, out _);
        }
    }

    public static string RequestKey(string requestId) => "request:" + requestId;

    public static string LoadKey(string functionId) => "load:" + functionId;

    public static string InvocationKey(string invocationId) => "invocation:" + invocationId;

    /// <summary>Ends the channel from the host's side: no more sends, every waiting request fails.</summary>
    public void Close(string reason)
    {
        _outbound.Writer.TryComplete();
        _closed.TrySetResult();
        _started.TrySetException(new WorkerUnavailableException(reason));
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var waiting))
            {
                waiting.TrySetException(new WorkerUnavailableException(reason));
            }
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                onLog(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete(RequestKey(message.RequestId), message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(LoadKey(message.FunctionLoadResponse.FunctionId), message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(InvocationKey(message.InvocationResponse.InvocationId), message);
                break;
            case StreamingMessage.ContentOneofCase.None:
                // The worker's answer to WorkerTerminate is one empty message.
                _terminateAcknowledged.TrySetResult();
                break;
            default:
                break;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryRemove(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }
}
