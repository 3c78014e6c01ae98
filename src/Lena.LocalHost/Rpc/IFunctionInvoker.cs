using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Rpc;

/// <summary>Sends one invocation to the worker and returns its answer (whatever its status).</summary>
internal interface IFunctionInvoker
{
    /// <exception cref="WorkerUnavailableException">The worker is gone.</exception>
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
