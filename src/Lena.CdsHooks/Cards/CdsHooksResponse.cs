namespace Lena.CdsHooks.Cards;

/// <summary>The body of a service response. This service never sends systemActions.</summary>
public sealed record CdsHooksResponse(IReadOnlyList<Card> Cards);
