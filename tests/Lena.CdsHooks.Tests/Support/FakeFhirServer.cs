using System.Text.Json;
using Lena.CdsHooks.FhirServer;

namespace Lena.CdsHooks.Tests.Support;

/// <summary>A FHIR server reader that answers from a dictionary of query prefix → resource, and records what it was asked.</summary>
internal sealed class FakeFhirServer(Dictionary<string, JsonElement>? answers = null) : IFhirServerReader
{
    public List<(Uri Server, string? Token, string Query)> Calls { get; } = [];

    public Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken)
    {
        Calls.Add((fhirServer, accessToken, relativeQuery));
        var answer = (answers ?? []).FirstOrDefault(a => relativeQuery.StartsWith(a.Key, StringComparison.Ordinal));
        return Task.FromResult(answer.Key is null ? FhirServerRead.Failed("The FHIR server answered 404.") : FhirServerRead.Of(answer.Value));
    }
}
