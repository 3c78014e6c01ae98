namespace Lena.CdsHooks.Security;

/// <summary>The public keys of trusted CDS Clients, by issuer and kid.</summary>
public interface IJwksSource
{
    Task<JwksKeyLookup> FindKeyAsync(CdsTrustedIssuer issuer, string kid, CancellationToken cancellationToken);
}
