using System.Text.Json;

namespace Lena.CdsHooks.Requests;

/// <summary>A parsed CDS Hooks 2.0 service request (order-select / order-sign).</summary>
public sealed record CdsHookRequest
{
    public required string Hook { get; init; }
    public required Guid HookInstance { get; init; }
    public Uri? FhirServer { get; init; }
    public FhirAuthorization? FhirAuthorization { get; init; }
    public required CdsHookContext Context { get; init; }

    /// <summary>Prefetch keys the client sent with a resource; keys sent as null are absent here.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Prefetch { get; init; }
}
