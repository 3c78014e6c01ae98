using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Lena.Storage.Courses;

/// <summary><see cref="ICourseStore"/> on the <c>LenaFollowUps</c> table (keys: <see cref="CourseTableKeys"/>).</summary>
public sealed class TableCourseStore(CourseStoreTables tables) : ICourseStore
{
    /// <summary>A table batch holds at most 100 entities of one partition.</summary>
    private const int MaxBatch = 100;

    private readonly TableClient _table = tables.FollowUps;
    private readonly CreateOnce _created = new(ct => tables.FollowUps.CreateIfNotExistsAsync(ct));

    public async Task EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        // The course partition first (course row + index), then the dated rows the sweep reads.
        var courseRows = new List<TableEntity> { FollowUpEntityMapper.ToCourseEntity(course) };
        courseRows.AddRange(followUps.Select(FollowUpEntityMapper.ToIndexEntity));
        await AddInBatchesAsync(courseRows, cancellationToken).ConfigureAwait(false);
        await AddFollowUpsAsync(followUps, agenda, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = followUps.Select(FollowUpEntityMapper.ToDueEntity)
            .Concat(agenda.Select(a => FollowUpEntityMapper.ToAgendaEntity(a.CourseId, a.FollowUpId, a.Date, a.DueDate)))
            .ToList();
        await AddInBatchesAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddIndexAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await AddInBatchesAsync(followUps.Select(FollowUpEntityMapper.ToIndexEntity), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.CourseRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FollowUpEntityMapper.ToCourse(row.Value!) : null;
    }

    public async Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = CourseTableKeys.CoursePartition(courseId);
        var list = new List<FollowUpRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo("fu|") >= 0 && e.RowKey.CompareTo("fu}") < 0,
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FollowUpEntityMapper.ToRecord(row));
        }

        return list;
    }

    public async Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.DuePartition(dueDate), CourseTableKeys.FollowUpRow(courseId, followUpId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FollowUpEntityMapper.ToRecord(row.Value!) : null;
    }

    public async Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool mirrorToIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        try
        {
            var response = await _table.UpdateEntityAsync(FollowUpEntityMapper.ToDueEntity(followUp), followUp.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var updated = followUp with { ETag = response.Headers.ETag ?? default };

            if (mirrorToIndex)
            {
                // The index row is derived data for the portal: mirror the state, unconditionally.
                await _table.UpdateEntityAsync(FollowUpEntityMapper.ToIndexEntity(followUp), ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return updated;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        try
        {
            var response = await _table.UpdateEntityAsync(FollowUpEntityMapper.ToCourseEntity(course), course.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return course with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<AgendaEntry> ReadAgendaAsync(DateOnly day, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = CourseTableKeys.AgendaPartition(day);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, maxPerPage: pageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new AgendaEntry(
                day,
                row.GetString("CourseId"),
                row.GetString("FollowUpId"),
                row.GetString("DueDate") is { } due ? CourseTableKeys.ParseDate(due) : null);
        }
    }

    public async Task AddAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _table.AddEntityAsync(FollowUpEntityMapper.ToAgendaEntity(entry.CourseId, entry.FollowUpId, entry.Date, entry.DueDate), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already on the agenda for that day: nothing to do.
        }
    }

    public async Task DeleteAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await _table.DeleteEntityAsync(CourseTableKeys.AgendaPartition(entry.Date), CourseTableKeys.FollowUpRow(entry.CourseId, entry.FollowUpId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another sweep removed it first.
        }
    }

    public async Task<(DateOnly? Date, ETag ETag)> GetWatermarkAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.SweepPartition, CourseTableKeys.WatermarkRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (CourseTableKeys.ParseDate(row.Value!.GetString("Date")), row.Value.ETag) : (null, default);
    }

    public async Task<bool> TrySetWatermarkAsync(DateOnly day, ETag ifMatch, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CourseTableKeys.SweepPartition, CourseTableKeys.WatermarkRow) { ["Date"] = CourseTableKeys.Date(day) };
        try
        {
            if (ifMatch == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task AddInBatchesAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(MaxBatch))
            {
                var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList();
                try
                {
                    await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex is { Status: 404, ErrorCode: "TableNotFound" })
                {
                    // The table went away after this instance created it (storage wiped, e.g. an
                    // in-memory Azurite restarted): create it again and retry, once.
                    _created.Reset();
                    await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
                    await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _created.EnsureAsync(cancellationToken);
}
