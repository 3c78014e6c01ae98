namespace Lena.CdsHooks.Feedback;

/// <summary>Why a card was overridden: one of the service's offered reasons and/or the clinician's words.</summary>
public sealed record CdsOverrideReason(CdsCoding? Reason, string? UserComment);
