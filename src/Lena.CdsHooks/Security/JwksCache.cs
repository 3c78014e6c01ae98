using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Security;

/// <summary>
/// <see cref="IJwksSource"/> over each trusted issuer's JWKS: inline documents parsed once, URLs
/// fetched with the injected <see cref="HttpClient"/> and kept for <see cref="CdsHooksAuthOptions.JwksCacheDuration"/>.
/// An unknown kid (key rotation) triggers a refetch, but at most once per
/// <see cref="CdsHooksAuthOptions.JwksMinRefreshInterval"/> per issuer, so tokens with invented kids
/// cannot make us hammer the EHR. When a fetch fails, keys fetched before are still used.
/// </summary>
public sealed class JwksCache(HttpClient http, CdsHooksAuthOptions options, TimeProvider clock) : IJwksSource
{
    private const long MaxDocumentBytes = 256 * 1024;
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Lazy<JsonWebKeySet?>> _inline = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RemoteKeys> _remote = new(StringComparer.Ordinal);

    public async Task<JwksKeyLookup> FindKeyAsync(CdsTrustedIssuer issuer, string kid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(kid);
        if (!string.IsNullOrEmpty(issuer.Jwks))
        {
            var keys = _inline.GetOrAdd(issuer.Jwks, json => new Lazy<JsonWebKeySet?>(() => TryParse(json))).Value;
            return keys is null ? JwksKeyLookup.Unavailable : Lookup(keys, kid);
        }

        if (string.IsNullOrEmpty(issuer.JwksUrl) || !Uri.TryCreate(issuer.JwksUrl, UriKind.Absolute, out var url))
        {
            return JwksKeyLookup.Unavailable;
        }

        var remote = _remote.GetOrAdd(issuer.JwksUrl, _ => new RemoteKeys());
        var cached = remote.Current;
        if (cached is not null && IsFresh(cached) && Find(cached.Keys, kid) is { } key)
        {
            return JwksKeyLookup.Found(key);
        }

        await remote.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have fetched while this one waited.
            cached = remote.Current;
            if (cached is not null && IsFresh(cached) && Find(cached.Keys, kid) is { } fetchedMeanwhile)
            {
                return JwksKeyLookup.Found(fetchedMeanwhile);
            }

            var now = clock.GetUtcNow();
            if (remote.LastAttempt is not { } last || now - last >= options.JwksMinRefreshInterval)
            {
                remote.LastAttempt = now;
                if (await FetchAsync(url, cancellationToken).ConfigureAwait(false) is { } fetched)
                {
                    cached = new FetchedKeys(fetched, now);
                    remote.Current = cached;
                }
            }
        }
        finally
        {
            remote.Gate.Release();
        }

        return cached is null ? JwksKeyLookup.Unavailable : Lookup(cached.Keys, kid);
    }

    private bool IsFresh(FetchedKeys keys) => clock.GetUtcNow() - keys.FetchedAt < options.JwksCacheDuration;

    private async Task<JsonWebKeySet?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(FetchTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await response.Content.LoadIntoBufferAsync(MaxDocumentBytes, linked.Token).ConfigureAwait(false);
            return TryParse(await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static JsonWebKeySet? TryParse(string json)
    {
        try
        {
            return new JsonWebKeySet(json);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            return null;
        }
    }

    private static JwksKeyLookup Lookup(JsonWebKeySet keys, string kid) =>
        Find(keys, kid) is { } key ? JwksKeyLookup.Found(key) : JwksKeyLookup.Unknown;

    /// <summary>A key for signatures (no <c>use</c>, or <c>use: sig</c>) with exactly this kid.</summary>
    private static JsonWebKey? Find(JsonWebKeySet keys, string kid) =>
        keys.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(k.Use) || string.Equals(k.Use, "sig", StringComparison.Ordinal)));

    private sealed record FetchedKeys(JsonWebKeySet Keys, DateTimeOffset FetchedAt);

    /// <summary>One JWKS URL's keys; the gate lets one request fetch while the others wait for its result.</summary>
    private sealed class RemoteKeys
    {
        private volatile FetchedKeys? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public FetchedKeys? Current
        {
            get => _current;
            set => _current = value;
        }

        /// <summary>Read and written only under <see cref="Gate"/>.</summary>
        public DateTimeOffset? LastAttempt { get; set; }
    }
}
