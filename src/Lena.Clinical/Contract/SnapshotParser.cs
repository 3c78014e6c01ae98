using System.Text.Json;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Clinical.Validation;

namespace Lena.Clinical.Contract;

/// <summary>The outcome of reading a request: a snapshot fit for the concern, or every problem with it.</summary>
public sealed record SnapshotParseResult(PatientSnapshot? Snapshot, ValidationErrors Errors)
{
    public bool IsValid => Snapshot is not null && Errors.IsEmpty;
}

/// <summary>Request body → <see cref="PatientSnapshot"/>: read (shape and type), then validated for one concern.</summary>
public static class SnapshotParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>Reads and validates <paramref name="body"/> for <paramref name="concern"/>.</summary>
    public static SnapshotParseResult Parse(ReadOnlyMemory<byte> body, Concern concern, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // A snapshot with shape errors is still validated, so one reply lists every problem of the request.
        var (snapshot, errors) = ReadAll(body);
        if (snapshot is not null)
        {
            SnapshotValidator.Validate(snapshot, concern, rules, today, errors);
        }

        return new SnapshotParseResult(errors.IsEmpty ? snapshot : null, errors);
    }

    /// <summary>
    /// Shape and type only: the typed snapshot, or null with the errors. A snapshot comes back only when the body
    /// had no shape error at all; it is not yet validated (<see cref="SnapshotValidator"/>).
    /// </summary>
    public static SnapshotParseResult Read(ReadOnlyMemory<byte> body)
    {
        var (snapshot, errors) = ReadAll(body);
        return new SnapshotParseResult(errors.IsEmpty ? snapshot : null, errors);
    }

    /// <summary>
    /// Shape and type of a snapshot some code assembled as JSON (the FHIR mapping records every value by its JSON path):
    /// the typed snapshot, or null with the errors; not yet validated.
    /// </summary>
    public static SnapshotParseResult Read(JsonElement root)
    {
        var errors = new ValidationErrors();
        var snapshot = SnapshotReader.Read(root, errors);
        return new SnapshotParseResult(errors.IsEmpty ? snapshot : null, errors);
    }

    /// <summary>The snapshot as far as it could be read (null only without indication or sex), with every shape error.</summary>
    private static (PatientSnapshot? Snapshot, ValidationErrors Errors) ReadAll(ReadOnlyMemory<byte> body)
    {
        var errors = new ValidationErrors();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // A duplicated property has no position; its message names it (which value was meant would be a guess).
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : $" ({ex.Message.TrimEnd('.')})";
            errors.Add("$", $"The body is not valid JSON{where}. Send one JSON object (Content-Type: application/json).");
            return (null, errors);
        }

        using (document)
        {
            return (SnapshotReader.Read(document.RootElement, errors), errors);
        }
    }
}
