namespace Lena.CdsHooks.Security;

/// <summary>What a valid CDS Client token established: who sent the request, and the token's identity.</summary>
public sealed record CdsClientToken(string Issuer, string Subject, string Jti, DateTimeOffset ExpiresAt, string? Tenant);
