using System.Globalization;
using System.Text.Json;
using Lena.Delivery;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Reminders;

/// <summary>
/// Reads <c>lena-reminders</c> and POSTs each reminder to its care team's webhook as a signed
/// CloudEvent. Anything short of a 2xx from the receiver — no webhook registered, an error answer, no
/// answer — fails the invocation, so the host makes the message visible again after host.json's
/// <c>visibilityTimeout</c> and, after <c>maxDequeueCount</c> tries, moves it to
/// <c>lena-reminders-poison</c>: a reminder is never dropped silently. A retry sends the same
/// <c>webhook-id</c> and body, so a receiver that keeps the ids it has seen acts on it once.
/// </summary>
public sealed class DeliverReminders(WebhookDeliverer deliverer, ILogger<DeliverReminders> logger)
{
    [Function(nameof(DeliverReminders))]
    public async Task Run(
        [QueueTrigger("%Lena__ReminderQueue%", Connection = "Queues")] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.BindingContext.BindingData;
        var dequeueCount = data.TryGetValue("DequeueCount", out var count) && long.TryParse(Convert.ToString(count, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        ReminderDelivery reminder;
        try
        {
            reminder = ReminderQueueMessage.Parse(message, QueuedAt(data.TryGetValue("InsertionTime", out var inserted) ? inserted : null));
        }
        catch (FormatException ex)
        {
            logger.ReminderMessageUnreadable(dequeueCount, ex.Message);
            throw;
        }

        var outcome = await deliverer.DeliverAsync(reminder, cancellationToken).ConfigureAwait(false);
        LenaTelemetry.ReminderDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Status.ToString()));
        if (outcome.IsDelivered)
        {
            logger.ReminderDelivered(reminder.CareTeamId, reminder.Kind, outcome.HttpStatus ?? 0, dequeueCount);
            return;
        }

        logger.ReminderNotDelivered(reminder.CareTeamId, reminder.Kind, outcome.Status.ToString(), outcome.Reason ?? string.Empty, dequeueCount);
        throw new ReminderNotDeliveredException(outcome);
    }

    /// <summary>The queue message's insertion time, as the host hands it over (a JSON string or plain text); now when absent.</summary>
    private static DateTimeOffset QueuedAt(object? value)
    {
        var text = value?.ToString();
        if (text is { Length: > 1 } && text[0] == '"')
        {
            text = JsonSerializer.Deserialize<string>(text);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UtcNow;
    }
}

/// <summary>Fails the invocation so the queue retries the reminder (and, in the end, keeps it in the poison queue).</summary>
public sealed class ReminderNotDeliveredException(DeliveryOutcome outcome)
    : Exception($"Reminder not delivered: {outcome.Status}{(outcome.HttpStatus is { } status ? $" ({status})" : string.Empty)}; the queue retries it.")
{
    public DeliveryOutcome Outcome { get; } = outcome;
}
