using System.Net.Http.Headers;

namespace Lena.Delivery;

/// <summary>
/// POSTs one reminder to its care team's webhook: the CloudEvent's bytes, signed for this attempt.
/// Says what happened; it never retries itself — the queue does (visibility timeout, dequeue count,
/// poison queue), so a retry is the same message, the same <c>webhook-id</c> and the same body.
/// </summary>
public sealed class WebhookDeliverer(IWebhookStore store, HttpClient http, TimeProvider clock)
{
    public async Task<DeliveryOutcome> DeliverAsync(ReminderDelivery reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var registration = await store.GetAsync(reminder.CareTeamId, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            return new DeliveryOutcome(DeliveryStatus.NoWebhook, Reason: "no webhook registered for the care team");
        }

        var body = ReminderCloudEvents.Encode(reminder);
        var headers = WebhookSigner.Sign(registration.Secret, reminder.ReminderId, clock.GetUtcNow(), body.Span);
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ReminderCloudEvents.MediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, registration.Url) { Content = content };
        request.Headers.Add(WebhookSignatureHeaders.IdHeader, headers.Id);
        request.Headers.Add(WebhookSignatureHeaders.TimestampHeader, headers.Timestamp);
        request.Headers.Add(WebhookSignatureHeaders.SignatureHeader, headers.Signature);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new DeliveryOutcome(DeliveryStatus.Delivered, status)
                : new DeliveryOutcome(DeliveryStatus.Rejected, status, $"the receiver answered {status}");
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome(DeliveryStatus.Unreachable, Reason: ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryStatus.Unreachable, Reason: "timed out");
        }
    }
}
