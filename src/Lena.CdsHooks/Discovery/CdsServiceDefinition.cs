namespace Lena.CdsHooks.Discovery;

/// <summary>One entry of the discovery response (CDS Hooks 2.0 "CDS Service" object).</summary>
public sealed record CdsServiceDefinition(
    string Hook,
    string Title,
    string Description,
    string Id,
    IReadOnlyDictionary<string, string> Prefetch,
    string UsageRequirements);
