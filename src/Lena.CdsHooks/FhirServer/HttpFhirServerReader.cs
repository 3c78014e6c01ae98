using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Lena.CdsHooks.FhirServer;

/// <summary>
/// GETs prefetch queries from the client's FHIR server with its bearer token, following a search
/// Bundle's <c>next</c> links (same server only) up to a page limit. The token goes in the
/// Authorization header and nowhere else.
/// </summary>
public sealed class HttpFhirServerReader(HttpClient http, IOptions<FhirServerOptions> options) : IFhirServerReader
{
    public async Task<FhirServerRead> ReadAsync(Uri fhirServer, string? accessToken, string relativeQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fhirServer);
        var settings = options.Value;
        if (!settings.Allows(fhirServer))
        {
            return FhirServerRead.Failed($"The FHIR server {fhirServer.GetLeftPart(UriPartial.Authority)} is not in CdsHooks__AllowedFhirServers.");
        }

        var baseUri = new Uri(fhirServer.AbsoluteUri.TrimEnd('/') + "/");
        var next = new Uri(baseUri, relativeQuery);
        JsonObject? first = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.FhirServerTimeoutSeconds));
        try
        {
            for (var page = 0; next is not null && page < settings.FhirServerMaxPages; page++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
                if (accessToken is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                }

                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return FhirServerRead.Failed($"The FHIR server answered {(int)response.StatusCode} to {relativeQuery.Split('?')[0]}.");
                }

                var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                var node = await JsonNode.ParseAsync(body, cancellationToken: timeout.Token).ConfigureAwait(false) as JsonObject;
                if (node is null)
                {
                    return FhirServerRead.Failed("The FHIR server did not answer with a JSON resource.");
                }

                next = NextPage(node, baseUri);
                if (first is null)
                {
                    first = node;
                }
                else if (node["entry"] is JsonArray more && first["entry"] is JsonArray entries)
                {
                    foreach (var entry in more.ToList())
                    {
                        more.Remove(entry);
                        entries.Add(entry);
                    }
                }
            }
        }
        catch (HttpRequestException exception)
        {
            return FhirServerRead.Failed($"The FHIR server could not be reached ({exception.HttpRequestError}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FhirServerRead.Failed($"The FHIR server did not answer within {settings.FhirServerTimeoutSeconds} s.");
        }
        catch (JsonException)
        {
            return FhirServerRead.Failed("The FHIR server's answer is not valid JSON.");
        }

        return first is null
            ? FhirServerRead.Failed("The FHIR server returned nothing.")
            : FhirServerRead.Of(JsonSerializer.SerializeToElement(first));
    }

    private static Uri? NextPage(JsonObject bundle, Uri baseUri)
    {
        if (bundle["link"] is not JsonArray links)
        {
            return null;
        }

        var url = links.OfType<JsonObject>()
            .FirstOrDefault(link => (string?)link["relation"] == "next")?["url"]?.GetValue<string>();

        // Only follow pages on the same server, so a hostile Bundle cannot send the token elsewhere.
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsoluteUri.StartsWith(baseUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase)
            ? uri
            : null;
    }
}
