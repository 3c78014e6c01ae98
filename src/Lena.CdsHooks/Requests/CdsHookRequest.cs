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

/// <summary>The client's bearer token for its FHIR server. Never logged, never stored.</summary>
public sealed class FhirAuthorization(string accessToken, string tokenType, int expiresIn, string scope, string subject)
{
    public string AccessToken { get; } = accessToken;
    public string TokenType { get; } = tokenType;
    public int ExpiresIn { get; } = expiresIn;
    public string Scope { get; } = scope;
    public string Subject { get; } = subject;

    // A class with a redacting ToString, so string interpolation or a debugger display never shows the token.
    public override string ToString() => $"FhirAuthorization {{ TokenType = {TokenType}, Scope = {Scope}, AccessToken = *** }}";
}
