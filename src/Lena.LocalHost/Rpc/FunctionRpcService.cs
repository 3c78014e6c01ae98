using Grpc.Core;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Rpc;

/// <summary>The gRPC service the worker connects to: its one <c>EventStream</c> call is handed to the <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
