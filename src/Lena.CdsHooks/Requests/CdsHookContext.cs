using System.Text.Json;

namespace Lena.CdsHooks.Requests;

/// <summary>The order-select / order-sign context of a request.</summary>
public sealed record CdsHookContext
{
    public required string UserId { get; init; }
    public required string PatientId { get; init; }
    public string? EncounterId { get; init; }

    /// <summary>order-select only: the ids of the orders just selected ("MedicationRequest/abc").</summary>
    public IReadOnlyList<string> Selections { get; init; } = [];

    /// <summary>The Bundle of draft orders.</summary>
    public required JsonElement DraftOrders { get; init; }
}
