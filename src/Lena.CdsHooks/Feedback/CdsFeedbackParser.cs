using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Feedback;

/// <summary>
/// Reads the body of <c>POST {baseUrl}/cds-services/{id}/feedback</c> (CDS Hooks 2.0) into
/// <see cref="CdsFeedbackItem"/>s, collecting every problem by JSON path; unknown properties are
/// errors, as everywhere in this API.
/// </summary>
public static partial class CdsFeedbackParser
{
    public const int MaxItems = 100;
    public const int MaxCommentChars = 1000;

    /// <summary>Ids, systems and codes are short identifiers; a longer one is a client bug.</summary>
    public const int MaxIdentifierChars = 256;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static CdsFeedbackParseResult Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var errors = new ValidationErrors();
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : $" ({ex.Message.TrimEnd('.')})";
            errors.Add("$", $"The body is not valid JSON{where}. Send one JSON object (Content-Type: application/json).");
            return new CdsFeedbackParseResult(null, errors);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static CdsFeedbackParseResult Parse(JsonElement body)
    {
        var errors = new ValidationErrors();
        var root = JsonObjectReader.Open(body, string.Empty, errors);
        if (root is null)
        {
            return new CdsFeedbackParseResult(null, errors);
        }

        var entries = root.Array("feedback");
        root.RejectUnknown();
        if (entries is null)
        {
            if (!errors.Has("feedback"))
            {
                errors.Add("feedback", "is required: an array of feedback items.");
            }

            return new CdsFeedbackParseResult(null, errors);
        }

        if (entries.Count == 0)
        {
            errors.Add("feedback", "must contain at least one feedback item.");
        }
        else if (entries.Count > MaxItems)
        {
            errors.Add("feedback", $"has {entries.Count} items; send at most {MaxItems} per request.");
            return new CdsFeedbackParseResult(null, errors);
        }

        var items = new List<CdsFeedbackItem>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (ReadItem(entries[i], $"feedback[{i}]", errors) is { } item)
            {
                items.Add(item);
            }
        }

        return new CdsFeedbackParseResult(errors.IsEmpty ? items : null, errors);
    }

    private static CdsFeedbackItem? ReadItem(JsonElement element, string path, ValidationErrors errors)
    {
        var item = JsonObjectReader.Open(element, path, errors);
        if (item is null)
        {
            return null;
        }

        var card = Identifier(item, "card", errors, required: true);
        var outcome = item.Enum<CdsFeedbackOutcome>("outcome");
        if (outcome is null && !errors.Has(item.PathOf("outcome")))
        {
            errors.Add(item.PathOf("outcome"), "is required: accepted or overridden.");
        }

        var suggestions = ReadSuggestions(item, errors);
        var overrideReason = ReadOverrideReason(item, errors);
        var timestamp = Timestamp(item, "outcomeTimestamp", errors);
        item.RejectUnknown();

        if (outcome != CdsFeedbackOutcome.Accepted && item.Has("acceptedSuggestions"))
        {
            errors.Add(item.PathOf("acceptedSuggestions"), "is only allowed when outcome is accepted.");
        }

        if (outcome != CdsFeedbackOutcome.Overridden && item.Has("overrideReason"))
        {
            errors.Add(item.PathOf("overrideReason"), "is only allowed when outcome is overridden.");
        }

        return card is null || outcome is null || timestamp is null || suggestions is null
            ? null
            : new CdsFeedbackItem(card, outcome.Value, suggestions, overrideReason, timestamp.Value);
    }

    /// <summary>The accepted suggestion ids (empty when absent), or null when the array has errors.</summary>
    private static List<string>? ReadSuggestions(JsonObjectReader item, ValidationErrors errors)
    {
        var entries = item.Array("acceptedSuggestions");
        if (entries is null)
        {
            return errors.Has(item.PathOf("acceptedSuggestions")) ? null : [];
        }

        var ids = new List<string>(entries.Count);
        var valid = true;
        for (var i = 0; i < entries.Count; i++)
        {
            var suggestion = JsonObjectReader.Open(entries[i], $"{item.PathOf("acceptedSuggestions")}[{i}]", errors);
            var id = suggestion is null ? null : Identifier(suggestion, "id", errors, required: true);
            suggestion?.RejectUnknown();
            if (id is null)
            {
                valid = false;
            }
            else
            {
                ids.Add(id);
            }
        }

        return valid ? ids : null;
    }

    private static CdsOverrideReason? ReadOverrideReason(JsonObjectReader item, ValidationErrors errors)
    {
        var reason = item.Object("overrideReason");
        if (reason is null)
        {
            return null;
        }

        var coding = reason.Object("reason");
        CdsCoding? code = null;
        if (coding is not null)
        {
            var system = Identifier(coding, "system", errors, required: true);
            var value = Identifier(coding, "code", errors, required: true);
            var display = coding.String("display");
            coding.RejectUnknown();
            code = system is null || value is null ? null : new CdsCoding(system, value, display);
        }

        var comment = reason.String("userComment");
        if (comment is { Length: > MaxCommentChars })
        {
            errors.Add(reason.PathOf("userComment"), $"has {comment.Length} characters; at most {MaxCommentChars} are allowed.");
        }

        reason.RejectUnknown();
        return new CdsOverrideReason(code, string.IsNullOrEmpty(comment) ? null : comment);
    }

    private static string? Identifier(JsonObjectReader owner, string name, ValidationErrors errors, bool required)
    {
        var value = owner.String(name);
        if (value is null)
        {
            if (required && !errors.Has(owner.PathOf(name)))
            {
                errors.Add(owner.PathOf(name), "is required.");
            }

            return null;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdentifierChars)
        {
            errors.Add(owner.PathOf(name), $"must be a non-empty string of at most {MaxIdentifierChars} characters.");
            return null;
        }

        return value;
    }

    private static DateTimeOffset? Timestamp(JsonObjectReader owner, string name, ValidationErrors errors)
    {
        var text = owner.String(name);
        if (text is null)
        {
            if (!errors.Has(owner.PathOf(name)))
            {
                errors.Add(owner.PathOf(name), "is required: an ISO 8601 date-time with offset, e.g. 2026-11-02T08:00:00Z.");
            }

            return null;
        }

        if (IsoDateTimeWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(owner.PathOf(name), $"must be an ISO 8601 date-time with offset (Z or ±hh:mm), e.g. 2026-11-02T08:00:00Z, not \"{text}\".");
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTimeWithOffset();
}
