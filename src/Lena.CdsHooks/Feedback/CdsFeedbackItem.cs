namespace Lena.CdsHooks.Feedback;

/// <summary>
/// One feedback entry: what happened to the card <see cref="Card"/> (its uuid) and when. It holds
/// no patient data, only card and suggestion ids, a reason code and a free-text comment.
/// </summary>
public sealed record CdsFeedbackItem(
    string Card,
    CdsFeedbackOutcome Outcome,
    IReadOnlyList<string> AcceptedSuggestions,
    CdsOverrideReason? OverrideReason,
    DateTimeOffset OutcomeTimestamp);
