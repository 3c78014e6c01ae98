namespace Lena.LocalHost.Worker;

/// <summary>The worker could not be started, died, or refused to load the app; the message carries its stderr.</summary>
public sealed class WorkerStartupException : Exception
{
    public WorkerStartupException()
    {
    }

    public WorkerStartupException(string message)
        : base(message)
    {
    }

    public WorkerStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
