using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lena.Courses;
using Lena.Courses.Reminders;

namespace Lena.Storage.Courses;

/// <summary>
/// The reminder sweep's read of a course by point reads, and the schedule row (<c>course|{id}</c> / <c>sched</c>) that
/// makes it possible. Azurite answers every query by scanning the whole table (≈ 14 ms at 75,000 entities, whatever the
/// filter) and a point read by its index (≈ 0.7–0.9 ms): Scale RESULTS, fourth round, sweep.
/// </summary>
public sealed partial class TableCourseStore
{
    /// <summary>Follow-ups of one course read at once by the sweep (besides its course row).</summary>
    private const int PointReadsAtOnce = 4;

    /// <summary>
    /// The schedule row first: when it is valid, the course row and the follow-ups it names for <paramref name="day"/> or
    /// earlier, by point reads at once; otherwise (none yet, or invalidated by another writer) the course row and every
    /// follow-up in one query of the partition, as before.
    /// </summary>
    public Task<SweepRead> ReadForSweepAsync(string courseId, DateOnly day, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var partition = CourseTableKeys.CoursePartition(courseId);
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, CourseTableKeys.ScheduleRow, cancellationToken: ct).ConfigureAwait(false);
            var etag = row.HasValue ? row.Value!.ETag.ToString() : null;
            if (!row.HasValue || row.Value!.GetBoolean("Valid") != true || row.Value.GetString("Days") is not { } json)
            {
                var (course, all) = await ReadCourseAsync(courseId, ct).ConfigureAwait(false);
                return new SweepRead(course, all, null, etag);
            }

            var days = JsonSerializer.Deserialize<Dictionary<string, string>>(json)!
                .ToDictionary(d => d.Key, d => CourseTableKeys.ParseDate(d.Value), StringComparer.Ordinal);
            var schedule = new ReminderSchedule(courseId, days, etag);
            // A few at a time: every request in flight is a connection of the client's pool (HTTP/1.1), and a course may
            // have many follow-ups due after downtime; with all at once the harness's pool grew to ≈ 280 connections.
            var courseRead = _table.GetEntityIfExistsAsync<TableEntity>(partition, CourseTableKeys.CourseRow, cancellationToken: ct);
            var followUps = new List<FollowUpRecord>();
            try
            {
                foreach (var chunk in days.Where(d => d.Value <= day).Select(d => d.Key).Chunk(PointReadsAtOnce))
                {
                    var reads = chunk.Select(id => _table.GetEntityIfExistsAsync<TableEntity>(partition, CourseTableKeys.FollowUpRow(id), cancellationToken: ct)).ToArray();
                    await Task.WhenAll(reads).ConfigureAwait(false); // all awaited, so that one failing leaves none unobserved
                    followUps.AddRange(reads.Select(r => r.Result).Where(r => r.HasValue).Select(r => FollowUpEntityMapper.ToRecord(r.Value!)));
                }
            }
            finally
            {
                await Task.WhenAny(courseRead).ConfigureAwait(false);
            }

            var courseRow = await courseRead.ConfigureAwait(false);

            return new SweepRead(courseRow.HasValue ? FollowUpEntityMapper.ToCourse(courseRow.Value!) : null, followUps, schedule, etag);
        }, cancellationToken);

    /// <summary>Writes the schedule only if the row is still as the sweep read it (a writer's invalidation wins).</summary>
    public async Task<bool> TryWriteScheduleAsync(ReminderSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var entity = new TableEntity(CourseTableKeys.CoursePartition(schedule.CourseId), CourseTableKeys.ScheduleRow)
        {
            ["Valid"] = true,
            ["Days"] = JsonSerializer.Serialize(schedule.Days.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => CourseTableKeys.Date(d.Value), StringComparer.Ordinal)),
        };
        try
        {
            if (schedule.ETag is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, new ETag(schedule.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404 && !CreateOnce.IsMissing(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// The schedule row marked invalid, to go in the same transaction as a write that adds follow-ups or makes one
    /// pending again: a sweep that read the schedule before can no longer write its next one (its ETag moved), and the
    /// next visit reads the whole partition.
    /// </summary>
    private static TableTransactionAction InvalidateSchedule(string courseId) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.ScheduleRow) { ["Valid"] = false });

    /// <summary>
    /// Replaces a follow-up on its ETag; a pending one (made pending again, or a sweep's confirmation one by one) together
    /// with the schedule's invalidation, since the schedule may not name it. Returns the new ETag.
    /// </summary>
    private async Task<string?> ReplaceFollowUpAsync(FollowUpRecord followUp, CancellationToken cancellationToken)
    {
        if (followUp.State != FollowUpState.Pending)
        {
            var response = await _table.UpdateEntityAsync(FollowUpEntityMapper.ToEntity(followUp), IfMatch(followUp.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }

        var batch = await _table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, FollowUpEntityMapper.ToEntity(followUp), IfMatch(followUp.ETag)), InvalidateSchedule(followUp.CourseId)],
            cancellationToken).ConfigureAwait(false);
        return batch.Value[0].Headers.ETag?.ToString();
    }

    /// <summary>
    /// Adds follow-ups of one course keeping those that exist, each batch together with the schedule's invalidation;
    /// a batch refused because a row exists (a retried request) goes row by row, each row with the invalidation.
    /// </summary>
    private async Task AddFollowUpsInvalidatingAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken)
    {
        foreach (var chunk in followUps.Chunk(MaxBatch - 1))
        {
            var courseId = chunk[0].CourseId;
            try
            {
                await _table.SubmitTransactionAsync([.. chunk.Select(f => new TableTransactionAction(TableTransactionActionType.Add, FollowUpEntityMapper.ToEntity(f))), InvalidateSchedule(courseId)], cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                foreach (var followUp in chunk)
                {
                    try
                    {
                        await _table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, FollowUpEntityMapper.ToEntity(followUp)), InvalidateSchedule(courseId)], cancellationToken).ConfigureAwait(false);
                    }
                    catch (TableTransactionFailedException one) when (one.Status == 409)
                    {
                        // Written by an earlier attempt (with its invalidation): its state (reminders sent, say) stands.
                    }
                }
            }
        }
    }
}
