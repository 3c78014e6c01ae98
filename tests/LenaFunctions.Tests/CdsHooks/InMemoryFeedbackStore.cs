using Lena.CdsHooks.Feedback;

namespace LenaFunctions.Tests.CdsHooks;

/// <summary>The feedback store's contract (idempotent by item content) in memory.</summary>
internal sealed class InMemoryFeedbackStore : IFeedbackStore
{
    public HashSet<string> Keys { get; } = [];

    public Task<IReadOnlyList<FeedbackRecordOutcome>> RecordAsync(string serviceId, IReadOnlyList<CdsFeedbackItem> items, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FeedbackRecordOutcome>>([.. items.Select(i => new FeedbackRecordOutcome(i, Keys.Add(Key(serviceId, i)) ? FeedbackStoreStatus.Stored : FeedbackStoreStatus.AlreadyStored))]);

    private static string Key(string serviceId, CdsFeedbackItem item) =>
        $"{serviceId}|{item.Card}|{item.Outcome}|{item.OutcomeTimestamp.UtcTicks}|{string.Join(',', item.AcceptedSuggestions)}|{item.OverrideReason?.Reason?.Code}|{item.OverrideReason?.UserComment}";
}
