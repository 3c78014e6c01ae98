using System.Globalization;
using System.Text;
using System.Text.Json;
using Lena.Clinical.Contract;

namespace LenaFunctions.Functions.Rules;

/// <summary>
/// The body of <c>POST /api/rules/what-if</c> (schema WhatIfRequest), read strictly: the draft rule set (raw, validated by the
/// caller like a publish), the snapshots (each kept as its bytes so it is evaluated exactly as the
/// clinical routes evaluate a body), and the date the answers are for.
/// </summary>
public sealed record WhatIfInput(byte[] RuleSet, IReadOnlyList<byte[]> Snapshots, DateOnly? Today)
{
    /// <summary>At most this many snapshots a call (API.md).</summary>
    public const int MaxSnapshots = 200;

    /// <summary>2 MB: a rule set (under 100 KB) and 200 snapshots of a few KB each.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly string[] Known = ["ruleSet", "snapshots", "today"];

    public static (WhatIfInput? Request, ProblemDetails? Problem) Read(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new ValidationErrors();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            errors.Add("$", "The body is not valid JSON.");
            return (null, ProblemDetails.Validation(errors));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$", "The body must be a JSON object: { \"ruleSet\", \"snapshots\", \"today\" }.");
                return (null, ProblemDetails.Validation(errors));
            }

            foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
            {
                errors.Add(property.Name, "is not a known property here; send ruleSet, snapshots and today.");
            }

            byte[]? ruleSet = null;
            if (!root.TryGetProperty("ruleSet", out var ruleSetElement) || ruleSetElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("ruleSet", "is required: the draft rule set (a rule-set object, as GET /api/rules returns under ruleSet).");
            }
            else
            {
                ruleSet = Encoding.UTF8.GetBytes(ruleSetElement.GetRawText());
            }

            var snapshots = new List<byte[]>();
            if (!root.TryGetProperty("snapshots", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                errors.Add("snapshots", "is required: an array of 1 to 200 patient snapshots.");
            }
            else if (list.GetArrayLength() > MaxSnapshots)
            {
                errors.Add("snapshots", $"holds {list.GetArrayLength()} snapshots; send at most {MaxSnapshots} a call.");
            }
            else
            {
                snapshots.AddRange(list.EnumerateArray().Select(s => Encoding.UTF8.GetBytes(s.GetRawText())));
            }

            DateOnly? today = null;
            if (root.TryGetProperty("today", out var todayElement) && todayElement.ValueKind != JsonValueKind.Null)
            {
                if (todayElement.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(todayElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    today = date;
                }
                else
                {
                    errors.Add("today", "must be a date yyyy-MM-dd (the date the answers are for); leave it out for today.");
                }
            }

            return errors.IsEmpty ? (new WhatIfInput(ruleSet!, snapshots, today), null) : (null, ProblemDetails.Validation(errors));
        }
    }
}
