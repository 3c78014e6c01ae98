using System.Text.Json;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contract;

/// <summary>The outcome of reading a request: a snapshot fit for the concern, or every problem with it.</summary>
public sealed record SnapshotParseResult(PatientSnapshot? Snapshot, ValidationErrors Errors)
{
    public bool IsValid => Snapshot is not null && Errors.IsEmpty;
}

/// <summary>Request body → validated <see cref="PatientSnapshot"/> for one concern.</summary>
public static class SnapshotParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static SnapshotParseResult Parse(ReadOnlyMemory<byte> body, Concern concern, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
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
            return new SnapshotParseResult(null, errors);
        }

        using (document)
        {
            var snapshot = SnapshotReader.Read(document.RootElement, errors);
            if (snapshot is null || errors.Has("indication") || errors.Has("sex"))
            {
                return new SnapshotParseResult(null, errors);
            }

            SnapshotRequirements.Check(snapshot, concern, rules, today, errors);
            return new SnapshotParseResult(errors.IsEmpty ? snapshot : null, errors);
        }
    }
}
