namespace Lena.LocalHost.Rpc;

/// <summary>The worker's stream is closed (the worker exited or was terminated): nothing can be sent to it.</summary>
public sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
        : this("The worker is not connected.")
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
