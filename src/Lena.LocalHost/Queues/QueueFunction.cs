using Lena.LocalHost.Settings;
using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Queues;

/// <summary>
/// A queue-triggered function: its name, the queue (with <c>%Setting%</c> resolved) and the
/// storage connection string its <c>connection</c> names.
/// </summary>
public sealed record QueueFunction(string Name, string QueueName, string ConnectionString)
{
    /// <summary>The storage account's limit on a queue name.</summary>
    public const int MaxQueueNameLength = 63;
    public const string PoisonSuffix = "-poison";

    /// <summary>
    /// <c>&lt;queue&gt;-poison</c>; none for a queue that is itself a poison queue or whose name
    /// leaves no room for the suffix, as in the Storage Queues extension.
    /// </summary>
    public string? PoisonQueueName =>
        QueueName.EndsWith(PoisonSuffix, StringComparison.OrdinalIgnoreCase) || QueueName.Length + PoisonSuffix.Length > MaxQueueNameLength
            ? null
            : QueueName + PoisonSuffix;

    public static QueueFunction FromFunction(FunctionDescriptor function, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        var trigger = function.Trigger;
        var queueName = trigger.Text("queueName") ?? throw new InvalidOperationException($"Queue function {function.Name} names no queue.");
        var resolved = settings.Resolve(queueName).ToLowerInvariant();
        var connection = ResolveConnection(trigger.Text("connection"), settings)
            ?? throw new InvalidOperationException(
                $"Queue function {function.Name}: its connection '{trigger.Text("connection") ?? "AzureWebJobsStorage"}' is not set; set it (or <name>__connectionString) to a storage connection string.");
        return new QueueFunction(function.Name, resolved, connection);
    }

    /// <summary>
    /// The connection string a binding's <c>connection</c> names, looked up as the host does: the
    /// setting itself, then <c>AzureWebJobs&lt;name&gt;</c>, then the section's <c>connectionString</c>
    /// (Microsoft.Extensions.Azure's form). No name means <c>AzureWebJobsStorage</c>. Identity-based
    /// connections (<c>__serviceUri</c>) are an Azure feature lena-host does not offer.
    /// </summary>
    public static string? ResolveConnection(string? connection, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = string.IsNullOrWhiteSpace(connection) ? "Storage" : settings.Resolve(connection);
        return settings[name] is { Length: > 0 } direct ? direct
            : settings["AzureWebJobs" + name] is { Length: > 0 } prefixed ? prefixed
            : settings[name + "__connectionString"] is { Length: > 0 } section ? section
            : null;
    }

    /// <summary><c>AzureWebJobs.&lt;name&gt;.Disabled</c> (or with <c>__</c>) set to true turns a function's trigger off, as on the host.</summary>
    public static bool IsDisabled(string functionName, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = settings[$"AzureWebJobs.{functionName}.Disabled"] ?? settings[$"AzureWebJobs__{functionName}__Disabled"];
        return value is not null && (value == "1" || bool.TryParse(value, out var disabled) && disabled);
    }
}
