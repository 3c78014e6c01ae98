using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Lena.Clinical.Contract;
using Lena.Courses.Reminders;

namespace Lena.Storage.Reminders;

/// <summary>Writes reminders as plain JSON text (no Base64) to the reminder queue.</summary>
public sealed class StorageReminderSender(ReminderQueueClient queue) : IReminderSender
{
    private readonly CreateOnce _created = new(ct => queue.Client.CreateIfNotExistsAsync(cancellationToken: ct));

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var text = JsonSerializer.Serialize(message, LenaJson.Options);
        try
        {
            await queue.Client.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex is { Status: 404, ErrorCode: "QueueNotFound" })
        {
            // The queue went away after this instance created it (storage wiped, e.g. an in-memory
            // Azurite restarted): create it again and send, once.
            await queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await queue.Client.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The queue client for <c>lena-reminders</c>, named by configuration.</summary>
public sealed record ReminderQueueClient(QueueClient Client);
