namespace Lena.CdsHooks.Feedback;

/// <summary>
/// Keeps CDS Hooks feedback. Idempotent: an identical item posted twice is stored once and both
/// posts succeed, so an EHR may retry freely.
/// </summary>
public interface IFeedbackStore
{
    /// <returns>One outcome per item, in the order given.</returns>
    Task<IReadOnlyList<FeedbackRecordOutcome>> RecordAsync(string serviceId, IReadOnlyList<CdsFeedbackItem> items, CancellationToken cancellationToken);
}
