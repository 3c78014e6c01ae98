using Lena.CdsHooks.Cards;
using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Service;

/// <summary>What one service call answers: cards (200) or a problem (400, 404, 412).</summary>
public sealed record CdsServiceOutcome
{
    public CdsHooksResponse? Response { get; init; }
    public ProblemDetails? Problem { get; init; }

    /// <summary>For telemetry: the assessment's rule-set version and the card topics, never the card text.</summary>
    public string? RuleSetVersion { get; init; }

    /// <summary>context.patientId when the request parsed; telemetry may only record its salted hash.</summary>
    public string? PatientId { get; init; }

    public static CdsServiceOutcome Cards(IReadOnlyList<Card> cards, string? ruleSetVersion) =>
        new() { Response = new CdsHooksResponse(cards), RuleSetVersion = ruleSetVersion };

    public static CdsServiceOutcome Failed(ProblemDetails problem) => new() { Problem = problem };
}
