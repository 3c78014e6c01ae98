using System.Net;

namespace Lena.CdsHooks.Tests.Security;

/// <summary>An EHR's JWKS endpoint in process: serves <see cref="Jwks"/> (or fails), and records every request.</summary>
internal sealed class FakeJwksEndpoint : HttpMessageHandler
{
    private readonly List<Uri> _requests = [];

    public string Jwks { get; set; } = TestKeys.Jwks();

    /// <summary>When set, the endpoint answers with this status instead of the keys.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When true, the connection itself fails (host down).</summary>
    public bool Unreachable { get; set; }

    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request.RequestUri!);
        }

        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused (test).");
        }

        return Task.FromResult(FailWith is { } status
            ? new HttpResponseMessage(status)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Jwks, System.Text.Encoding.UTF8, "application/json") });
    }
}
