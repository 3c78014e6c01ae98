using Azure;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Http;

/// <summary>
/// The <c>If-Match</c> header of a conditional write (RFC 9110 §13.1.1): <c>*</c> or one quoted
/// entity tag (compared by storage exactly as sent). Anything else is a 400 saying what to send, never passed on to storage.
/// </summary>
public sealed record IfMatch(ETag ETag, bool IsAny)
{
    /// <summary>The header's condition, or the problem to answer with (428 when absent, 400 when malformed).</summary>
    public static (IfMatch? Condition, ProblemDetails? Problem) Read(HttpRequestData request, string whereToGetIt)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValues("If-Match", out var values) || values.FirstOrDefault() is not { Length: > 0 } raw)
        {
            return (null, ProblemDetails.Of(428, ProblemTypes.PreconditionRequired, "If-Match required.",
                $"Send If-Match with the ETag from {whereToGetIt}, so a concurrent change cannot be overwritten."));
        }

        var text = raw.Trim();
        if (text == "*")
        {
            return (new IfMatch(ETag.All, IsAny: true), null);
        }

        // Table Storage's own ETags are weak (W/"datetime'…'"); GET /api/rules returns them as they are.
        var tag = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && tag.Length <= 256
            && tag[1..^1].All(c => c == 0x21 || (c >= 0x23 && c <= 0x7E) || c >= 0x80))
        {
            return (new IfMatch(new ETag(text), IsAny: false), null);
        }

        var errors = new ValidationErrors();
        errors.Add("If-Match", $"must be one quoted entity tag exactly as {whereToGetIt} returned it in ETag (for example W/\"datetime'…'\", with the double quotes), or *.");
        return (null, ProblemDetails.Validation(errors));
    }
}
