namespace Lena.LocalHost;

/// <summary>One line the worker logged: an <c>RpcLog</c> message, or a line of its stderr (category <c>Worker.Stderr</c>).</summary>
public sealed record WorkerLogEntry(DateTimeOffset At, LogLevel Level, string Category, string Message, string? InvocationId, string? Exception);
