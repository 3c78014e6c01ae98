using System.Collections.Concurrent;
using System.Net;
using Lena.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lena.Delivery.Tests;

public sealed class WebhookDelivererTests
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    private sealed class MemoryStore : IWebhookStore
    {
        private readonly ConcurrentDictionary<string, WebhookRegistration> _rows = new(StringComparer.Ordinal);

        public Task<WebhookRegistration?> GetAsync(string careTeamId, CancellationToken cancellationToken) =>
            Task.FromResult(_rows.TryGetValue(careTeamId, out var row) ? row : null);

        public Task<bool> PutAsync(WebhookRegistration registration, CancellationToken cancellationToken)
        {
            var created = !_rows.ContainsKey(registration.CareTeamId);
            _rows[registration.CareTeamId] = registration;
            return Task.FromResult(created);
        }

        public Task<bool> DeleteAsync(string careTeamId, CancellationToken cancellationToken) => Task.FromResult(_rows.TryRemove(careTeamId, out _));
    }

    private static async Task<(WebhookDeliverer Deliverer, MemoryStore Store, FakeTimeProvider Clock)> DelivererAsync(Uri? url)
    {
        var store = new MemoryStore();
        if (url is not null)
        {
            await store.PutAsync(new WebhookRegistration("team-a", url, Secret, DateTimeOffset.UtcNow), CancellationToken.None);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new WebhookDeliverer(store, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), clock), store, clock);
    }

    [Fact]
    public async Task PostsTheSignedEventToTheTeamsWebhookWhichVerifiesIt()
    {
        await using var receiver = new WebhookReceiver(Secret);
        var (deliverer, _, _) = await DelivererAsync(receiver.Url);
        var reminder = ReminderCloudEventsTests.Reminder();

        var outcome = await deliverer.DeliverAsync(reminder, CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Delivered, 200), outcome);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid, request.SignatureProblem);
        Assert.Equal(reminder.ReminderId, request.Id);
        Assert.Equal("application/cloudevents+json; charset=utf-8", request.ContentType);
        Assert.Equal(ReminderCloudEvents.Encode(reminder).ToArray(), request.Body);
    }

    [Fact]
    public async Task ARetryCarriesTheSameIdAndBodyWithAFreshTimestampSoTheReceiverDropsTheRepeat()
    {
        await using var receiver = new WebhookReceiver(Secret);
        var (deliverer, _, clock) = await DelivererAsync(receiver.Url);
        var reminder = ReminderCloudEventsTests.Reminder();

        await deliverer.DeliverAsync(reminder, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        await deliverer.DeliverAsync(reminder, CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Equal(receiver.Requests[0].Id, receiver.Requests[1].Id);
        Assert.NotEqual(receiver.Requests[0].Timestamp, receiver.Requests[1].Timestamp);
        Assert.True(receiver.Requests[1].Duplicate);
        Assert.Single(receiver.Delivered);
    }

    [Fact]
    public async Task ATeamWithoutAWebhookIsReportedNotDropped()
    {
        var (deliverer, _, _) = await DelivererAsync(null);

        var outcome = await deliverer.DeliverAsync(ReminderCloudEventsTests.Reminder(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.NoWebhook, outcome.Status);
        Assert.False(outcome.IsDelivered);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(410)]
    [InlineData(302)]
    public async Task AnyAnswerButA2xxIsNotADelivery(int status)
    {
        await using var receiver = new WebhookReceiver(Secret, (_, _) => status);
        var (deliverer, _, _) = await DelivererAsync(receiver.Url);

        var outcome = await deliverer.DeliverAsync(ReminderCloudEventsTests.Reminder(), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Rejected, status, $"the receiver answered {status}"), outcome);
        Assert.Empty(receiver.Delivered);
    }

    [Fact]
    public async Task ASignatureMadeWithAnotherSecretIsRefusedByTheReceiver()
    {
        await using var receiver = new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32]));
        var (deliverer, _, _) = await DelivererAsync(receiver.Url);

        var outcome = await deliverer.DeliverAsync(ReminderCloudEventsTests.Reminder(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)outcome.HttpStatus!.Value);
        Assert.False(Assert.Single(receiver.Requests).SignatureValid);
    }

    [Fact]
    public async Task AReceiverThatIsNotListeningIsUnreachable()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (deliverer, _, _) = await DelivererAsync(new Uri($"http://127.0.0.1:{port}/hook"));

        var outcome = await deliverer.DeliverAsync(ReminderCloudEventsTests.Reminder(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, outcome.Status);
    }
}
