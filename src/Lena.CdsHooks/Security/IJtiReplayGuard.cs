namespace Lena.CdsHooks.Security;

/// <summary>Remembers each token id until its token expires, so a captured token cannot be sent twice.</summary>
public interface IJtiReplayGuard
{
    /// <summary>
    /// Records <paramref name="jti"/> of <paramref name="issuer"/>; true when this is its first use,
    /// false when it was used before. Atomic across callers (and, for the stored guard, across instances).
    /// </summary>
    Task<bool> TryUseAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
