namespace Lena.CdsHooks.Feedback;

/// <summary>What recording one feedback item did.</summary>
public sealed record FeedbackRecordOutcome(CdsFeedbackItem Item, FeedbackStoreStatus Status);
