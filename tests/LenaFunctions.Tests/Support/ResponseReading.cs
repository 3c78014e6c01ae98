using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Tests.Support;

/// <summary>Reads what a function wrote into a <see cref="TestHttpResponseData"/>.</summary>
public static class ResponseReading
{
    public static int Status(this HttpResponseData response) => (int)response.StatusCode;

    public static byte[] BodyBytes(this HttpResponseData response) => ((MemoryStream)response.Body).ToArray();

    public static string BodyText(this HttpResponseData response) => Encoding.UTF8.GetString(response.BodyBytes());

    public static JsonElement Json(this HttpResponseData response)
    {
        using var document = JsonDocument.Parse(response.BodyBytes());
        return document.RootElement.Clone();
    }

    /// <summary>The header's values joined by ", ", or null when it is absent.</summary>
    public static string? Header(this HttpResponseData response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>The problem's <c>errors</c> object: JSON path → messages.</summary>
    public static Dictionary<string, string[]> Errors(this HttpResponseData response) =>
        response.Json().GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
}
