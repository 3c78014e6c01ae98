using Azure;
using Azure.Data.Tables;
using Lena.CdsHooks.Feedback;
using Lena.Storage;

namespace Lena.CdsHooks.Storage;

/// <summary>
/// <see cref="IFeedbackStore"/> on Table Storage. The row key is a digest of the whole item, so an
/// identical item posted again collides (409) and is reported as already stored, while a changed
/// outcome for the same card is a new row. Feedback carries no patient data and none is added here.
/// </summary>
public sealed class TableFeedbackStore(CdsHooksTables tables, TimeProvider clock) : IFeedbackStore
{
    private readonly TableClient _table = tables.Feedback;
    private readonly CreateOnce _created = new(ct => tables.Feedback.CreateIfNotExistsAsync(ct));

    public async Task<IReadOnlyList<FeedbackRecordOutcome>> RecordAsync(string serviceId, IReadOnlyList<CdsFeedbackItem> items, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(items);
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var receivedAt = clock.GetUtcNow();
        var outcomes = new List<FeedbackRecordOutcome>(items.Count);
        foreach (var item in items)
        {
            var stored = await TryAddAsync(ToEntity(serviceId, item, receivedAt), cancellationToken).ConfigureAwait(false);
            outcomes.Add(new FeedbackRecordOutcome(item, stored ? FeedbackStoreStatus.Stored : FeedbackStoreStatus.AlreadyStored));
        }

        return outcomes;
    }

    private async Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex is { Status: 404, ErrorCode: "TableNotFound" })
            {
                // The table went away after this instance created it: create it again and retry, once.
                _created.Reset();
                await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(string serviceId, CdsFeedbackItem item, DateTimeOffset receivedAt)
    {
        var reason = item.OverrideReason?.Reason;
        return new TableEntity(CdsHooksTableKeys.FeedbackPartition(serviceId, item.OutcomeTimestamp), CdsHooksTableKeys.FeedbackRow(item))
        {
            ["ServiceId"] = serviceId,
            ["Card"] = item.Card,
            ["Outcome"] = Lena.Clinical.Contract.LenaJson.WireName(item.Outcome),
            ["OutcomeTimestamp"] = item.OutcomeTimestamp.ToUniversalTime(),
            ["AcceptedSuggestions"] = string.Join(',', item.AcceptedSuggestions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            ["OverrideSystem"] = reason?.System,
            ["OverrideCode"] = reason?.Code,
            ["OverrideDisplay"] = reason?.Display,
            ["UserComment"] = item.OverrideReason?.UserComment,
            ["ReceivedAt"] = receivedAt,
        };
    }
}
