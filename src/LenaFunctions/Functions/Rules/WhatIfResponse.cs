using System.Text.Json.Nodes;

namespace LenaFunctions.Functions.Rules;

/// <summary>One answer to a snapshot: its HTTP status and the body the clinical route would send (<c>POST /api/assessments</c>).</summary>
public sealed record WhatIfAnswer(int Status, JsonNode? Body);

/// <summary>One snapshot under both rule sets and how the answers differ (none: unchanged).</summary>
public sealed record WhatIfResult(int Index, string? PatientId, bool Changed, WhatIfAnswer Active, WhatIfAnswer Draft, IReadOnlyList<AnswerDifference> Differences);

/// <summary>
/// <c>POST /api/rules/what-if</c>: the active and the draft version, the rule-by-rule changes between them
/// (as <c>lena rules diff</c> prints them), and every snapshot's two answers.
/// </summary>
public sealed record WhatIfResponse(
    string RuleSetVersion,
    string DraftVersion,
    DateOnly Today,
    IReadOnlyList<string> RuleChanges,
    int ChangedCount,
    IReadOnlyList<WhatIfResult> Results);
