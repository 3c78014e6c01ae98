using System.Net.Http.Headers;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Http;

/// <summary>The outcome of reading a JSON request body: its bytes, or the problem to answer with.</summary>
public sealed record RequestBodyResult(byte[]? Body, ProblemDetails? Problem);

/// <summary>Checks a request's media type and size before anything parses it.</summary>
public static class RequestBody
{
    /// <summary>256 KB: a snapshot is a few KB, a rule set under 100 KB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>4 MB for a CDS Hooks call: its prefetch carries whole FHIR search Bundles (up to 200 Observations).</summary>
    public const int CdsHooksMaxBytes = 4 * 1024 * 1024;

    public static Task<RequestBodyResult> ReadJsonAsync(HttpRequestData request, CancellationToken cancellationToken) =>
        ReadJsonAsync(request, MaxBytes, cancellationToken);

    public static async Task<RequestBodyResult> ReadJsonAsync(HttpRequestData request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request))
        {
            return new RequestBodyResult(null, ProblemDetails.Of(415, ProblemTypes.UnsupportedMediaType, "Unsupported media type.",
                "Send the body as JSON with the header Content-Type: application/json (UTF-8)."));
        }

        var declared = request.Headers.NonValidated.TryGetValues("Content-Length", out var lengths) && long.TryParse(lengths.ToString(), out var length) ? length : -1;
        if (declared > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // The worker hands the body over as a MemoryStream holding exactly its bytes: taken as they are, not copied.
        if (request.Body is MemoryStream { Position: 0 } memory && memory.TryGetBuffer(out var whole)
            && whole is { Offset: 0, Array: { } array } && whole.Count == array.Length)
        {
            return array.Length > maxBytes ? TooLarge(maxBytes) : Screened(array);
        }

        // Sized to the declared length: one allocation, handed on without a copy when it fits exactly.
        using var buffer = new MemoryStream(declared > 0 ? (int)declared : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return Screened(buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray());
    }

    private static RequestBodyResult Screened(byte[] bytes) =>
        JsonBodyScreen.Check(bytes) is { } problem ? new RequestBodyResult(null, problem) : new RequestBodyResult(bytes, null);

    private static bool IsJson(HttpRequestData request)
    {
        // The raw header, parsed once here (the validated view would parse it first, then hand back a string to parse again).
        if (!request.Headers.NonValidated.TryGetValues("Content-Type", out var values))
        {
            return false;
        }

        var raw = values.ToString();
        if (string.Equals(raw, "application/json", StringComparison.OrdinalIgnoreCase) || string.Equals(raw, "application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(raw, out var mediaType))
        {
            return false;
        }

        var json = string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false);
        var utf8 = mediaType.CharSet is null || string.Equals(mediaType.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase);
        return json && utf8;
    }

    private static RequestBodyResult TooLarge(int maxBytes) => new(null, ProblemDetails.Of(413, ProblemTypes.PayloadTooLarge, "Request body too large.",
        $"The body may be at most {maxBytes / 1024} KB."));
}
