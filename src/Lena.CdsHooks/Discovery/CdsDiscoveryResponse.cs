namespace Lena.CdsHooks.Discovery;

/// <summary>The body of <c>GET /cds-services</c>.</summary>
public sealed record CdsDiscoveryResponse(IReadOnlyList<CdsServiceDefinition> Services);
