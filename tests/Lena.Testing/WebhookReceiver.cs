using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lena.Testing;

/// <summary>One POST the receiver got, with what its signature check said.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string? ContentType, byte[] Body, DateTimeOffset At, bool SignatureValid, string? SignatureProblem, int AnsweredStatus, bool Duplicate);

/// <summary>
/// A webhook receiver on loopback (http://127.0.0.1:&lt;free port&gt;/), as a care team would run one:
/// it verifies each POST's Standard Webhooks signature with <see cref="StandardWebhooksVerifier"/>
/// (a bad one is 401) and deduplicates by <c>webhook-id</c> (a repeat of an id it accepted is
/// answered 200 again but not delivered again). <see cref="Failures"/> decides, per webhook-id and
/// attempt of that id (1-based), whether to fail on purpose (e.g. the first N attempts with 503).
/// Every request is recorded.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _secret;
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private readonly ConcurrentDictionary<string, byte[]> _delivered = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public WebhookReceiver(string secret, Func<string, int, int?>? failures = null)
    {
        _secret = secret;
        Failures = failures ?? ((_, _) => null);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/reminders");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>(webhook-id, attempt of that id, 1-based) → a status to fail with, or null to accept.</summary>
    public Func<string, int, int?> Failures { get; set; }

    public IReadOnlyList<ReceivedWebhook> Requests => _requests.ToArray();

    /// <summary>Bodies accepted once each, by webhook-id: what the care team's system would act on.</summary>
    public IReadOnlyDictionary<string, byte[]> Delivered => _delivered;

    /// <summary>Waits until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver did not see {what} within {timeout.TotalSeconds:0} s ({_requests.Count} requests, {_delivered.Count} delivered).");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
            // Stopped.
        }

        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"];
        var timestamp = headers["webhook-timestamp"];
        var signature = headers["webhook-signature"];
        var problem = StandardWebhooksVerifier.Problem(_secret, id, timestamp, signature, body, DateTimeOffset.UtcNow);
        var attempt = _attempts.AddOrUpdate(id ?? string.Empty, 1, (_, n) => n + 1);
        var duplicate = false;
        int status;
        if (problem is not null)
        {
            status = 401;
        }
        else if (Failures(id!, attempt) is { } failure)
        {
            status = failure;
        }
        else
        {
            duplicate = !_delivered.TryAdd(id!, body);
            status = 200;
        }

        _requests.Enqueue(new ReceivedWebhook(id, timestamp, signature, context.Request.ContentType, body, DateTimeOffset.UtcNow, problem is null, problem, status, duplicate));
        context.Response.StatusCode = status;
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
