using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Lena.Courses;
using Lena.Courses.Therapy;
using Lena.Courses.Timeline;
using Lena.Courses.Worklist;

namespace Lena.Storage.Courses;

/// <summary>
/// <see cref="ICourseStore"/> on the <c>LenaFollowUps</c> table (keys: <see cref="CourseTableKeys"/>).
/// Every operation re-creates the table and retries once when storage reports it missing.
/// </summary>
public sealed class TableCourseStore(CourseStoreTables tables) : ICourseStore
{
    /// <summary>A table batch holds at most 100 entities of one partition.</summary>
    private const int MaxBatch = 100;

    private readonly TableClient _table = tables.FollowUps;
    private readonly int _parallelism = Math.Max(1, tables.WriteParallelism);
    private readonly CreateOnce _created = new(ct => tables.FollowUps.CreateIfNotExistsAsync(ct));

    public Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => EnrollCoreAsync(course, followUps, agenda, state, enrolled, ct), cancellationToken);

    /// <summary>
    /// The course row is the commit marker, written last and only once: until it exists no reader
    /// or sweep acts on the rows before it. A retry (same course id) adds what is missing and keeps
    /// every row that exists: the first attempt may have committed meanwhile and a sweep claimed one of
    /// its due rows, which a rewrite would undo (issue 13, D).
    /// </summary>
    private async Task<bool> EnrollCoreAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(enrolled);
        // Everything before the commit marker at once, one batch per partition, bounded: no reader acts on
        // these rows before the course row exists, so their order among themselves does not matter.
        await AddKeepingExistingAsync(
            followUps.Select(FollowUpEntityMapper.ToIndexEntity)
                .Append(CourseEventEntityMapper.ToStateEntity(state))
                .Append(CourseEventEntityMapper.ToEventEntity(course.CourseId, enrolled))
                .Concat(followUps.Select(FollowUpEntityMapper.ToDueEntity))
                .Concat(agenda.Select(ToAgendaEntity)),
            cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(FollowUpEntityMapper.ToCourseEntity(course), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // A retry of the same enrollment committed first.
        }
    }

    public Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, IReadOnlyList<AgendaEntry> agenda, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            // Dated rows first, then their agenda entries: the sweep never finds an entry without its follow-up.
            await AddKeepingExistingAsync(followUps.Select(FollowUpEntityMapper.ToDueEntity), ct).ConfigureAwait(false);
            await AddKeepingExistingAsync(agenda.Select(ToAgendaEntity), ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task AddIndexAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => AddKeepingExistingAsync(followUps.Select(FollowUpEntityMapper.ToIndexEntity), ct), cancellationToken);

    public Task<CourseRecord?> GetCourseAsync(string courseId, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.CourseRow, cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? FollowUpEntityMapper.ToCourse(row.Value!) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string courseId, CancellationToken cancellationToken) =>
        _created.RunAsync<IReadOnlyList<FollowUpRecord>>(async ct =>
        {
            var partition = CourseTableKeys.CoursePartition(courseId);
            var list = new List<FollowUpRecord>();
            await foreach (var row in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo("fu|") >= 0 && e.RowKey.CompareTo("fu}") < 0,
                cancellationToken: ct).ConfigureAwait(false))
            {
                list.Add(FollowUpEntityMapper.ToRecord(row));
            }

            return list;
        }, cancellationToken);

    public Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.DuePartition(dueDate), CourseTableKeys.FollowUpRow(courseId, followUpId), cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? FollowUpEntityMapper.ToRecord(row.Value!) : null;
        }, cancellationToken);

    public async Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool mirrorToIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        try
        {
            var response = await _table.UpdateEntityAsync(FollowUpEntityMapper.ToDueEntity(followUp), IfMatch(followUp.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var updated = followUp with { ETag = response.Headers.ETag?.ToString() };

            if (mirrorToIndex)
            {
                // The index row is derived data for the portal: mirror the state, unconditionally.
                await _table.UpsertEntityAsync(FollowUpEntityMapper.ToIndexEntity(followUp), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                if (followUp.State != FollowUpState.Pending)
                {
                    // Done or cancelled: the team's worklist shows it (a pending row is already there as written).
                    await _table.UpsertEntityAsync(CourseEventEntityMapper.ToWorklistEntity(followUp, courseStopped: false), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }

            return updated;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 && !CreateOnce.IsMissing(ex))
        {
            return null;
        }
    }

    public async Task<CourseRecord?> TryUpdateCourseAsync(CourseRecord course, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        try
        {
            var response = await _table.UpdateEntityAsync(FollowUpEntityMapper.ToCourseEntity(course), IfMatch(course.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return course with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 && !CreateOnce.IsMissing(ex))
        {
            return null;
        }
    }

    public async IAsyncEnumerable<AgendaEntry> ReadAgendaAsync(DateOnly day, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = CourseTableKeys.AgendaPartition(day);
        var rows = _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, maxPerPage: pageSize, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (rows.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (RequestFailedException ex) when (CreateOnce.IsMissing(ex))
                {
                    // No table, no agenda: the next write creates it.
                    _created.Reset();
                    break;
                }

                var row = rows.Current;
                yield return new AgendaEntry(
                    day,
                    row.GetString("CourseId"),
                    row.GetString("FollowUpId"),
                    row.GetString("DueDate") is { } due ? CourseTableKeys.ParseDate(due) : null,
                    row.Timestamp);
            }
        }
    }

    public Task AddAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _created.RunAsync(ct => AddKeepingExistingAsync([ToAgendaEntity(entry)], ct), cancellationToken);
    }

    public async Task DeleteAgendaAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await DeleteIfExistsAsync(CourseTableKeys.AgendaPartition(entry.Date), CourseTableKeys.FollowUpRow(entry.CourseId, entry.FollowUpId), cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.DueDate is { } due)
        {
            await DeleteIfExistsAsync(CourseTableKeys.DuePartition(due), CourseTableKeys.FollowUpRow(entry.CourseId, entry.FollowUpId), cancellationToken).ConfigureAwait(false);
            await DeleteIfExistsAsync(CourseTableKeys.CoursePartition(entry.CourseId), CourseTableKeys.IndexRow(entry.FollowUpId), cancellationToken).ConfigureAwait(false);
        }

        // The agenda entry last: while it exists, the next sweep finds the rest.
        await DeleteAgendaAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public Task<IdempotencyRecord?> ClaimIdempotencyKeyAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _created.RunAsync(async ct =>
        {
            var entity = new TableEntity(CourseTableKeys.IdempotencyPartition(claim.KeyHash), CourseTableKeys.EnrollmentRow)
            {
                ["CourseId"] = claim.CourseId,
                ["BodyHash"] = claim.BodyHash,
            };
            try
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var existing = await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: ct).ConfigureAwait(false);
                return new IdempotencyRecord(claim.KeyHash, existing.Value.GetString("BodyHash"), existing.Value.GetString("CourseId"));
            }
        }, cancellationToken);
    }

    public Task<(DateOnly? Date, string? ETag)> GetWatermarkAsync(CancellationToken cancellationToken) =>
        _created.RunAsync<(DateOnly?, string?)>(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.SweepPartition, CourseTableKeys.WatermarkRow, cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? (CourseTableKeys.ParseDate(row.Value!.GetString("Date")), row.Value.ETag.ToString()) : (null, null);
        }, cancellationToken);

    public async Task<bool> TrySetWatermarkAsync(DateOnly day, string? ifMatch, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CourseTableKeys.SweepPartition, CourseTableKeys.WatermarkRow) { ["Date"] = CourseTableKeys.Date(day) };
        try
        {
            if (ifMatch is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The records carry the ETag as opaque text; an unread record (none) matches nothing but a fresh row.</summary>
    private static ETag IfMatch(string? etag) => etag is null ? default : new ETag(etag);

    public Task<CourseState?> GetStateAsync(string courseId, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.StateRow, cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? CourseEventEntityMapper.ToState(row.Value!) : null;
        }, cancellationToken);

    /// <summary>
    /// One entity-group transaction in the course's partition: add the event row (and the follow-up's
    /// marker), replace the state if its ETag matches (or add it). The added rows make two writers that read
    /// the same state collide even where a batch's If-Match is not enforced (Azurite).
    /// </summary>
    public async Task<bool> TryAppendAsync(CourseState current, CourseState replacement, TimelineEvent appended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(appended);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, CourseEventEntityMapper.ToEventEntity(current.CourseId, appended)),
        };
        if (appended.FollowUpId is { } followUpId)
        {
            actions.Add(new(TableTransactionActionType.Add, CourseEventEntityMapper.ToFollowUpEventEntity(current.CourseId, followUpId, appended.Sequence)));
        }

        var state = CourseEventEntityMapper.ToStateEntity(replacement);
        actions.Add(current.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, state)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(current.ETag)));
        try
        {
            await _created.RunAsync(ct => _table.SubmitTransactionAsync(actions, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<TimelineEvent>> ListTimelineAsync(string courseId, CancellationToken cancellationToken) =>
        _created.RunAsync<IReadOnlyList<TimelineEvent>>(async ct =>
        {
            var partition = CourseTableKeys.CoursePartition(courseId);
            var events = new List<TimelineEvent>();
            await foreach (var row in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(CourseTableKeys.EventPrefix) >= 0 && e.RowKey.CompareTo("ev}") < 0,
                cancellationToken: ct).ConfigureAwait(false))
            {
                events.Add(CourseEventEntityMapper.ToEvent(row));
            }

            return events;
        }, cancellationToken);

    public Task<int?> FindFollowUpEventAsync(string courseId, string followUpId, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.FollowUpEventRow(followUpId), cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? row.Value!.GetInt32("Sequence") : null;
        }, cancellationToken);

    public Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        var rows = followUps.Select(f => CourseEventEntityMapper.ToWorklistEntity(f, courseStopped));
        return _created.RunAsync(ct => replace
            ? WriteInBatchesAsync(rows, TableTransactionActionType.UpsertReplace, ct)
            : AddKeepingExistingAsync(rows, ct), cancellationToken);
    }

    /// <summary>
    /// Reads the team's month partitions that overlap the range, each by row-key range (due date first),
    /// with the status filtered by the service; stops one row past a full page to know whether more follow.
    /// </summary>
    public Task<WorklistPage> ReadWorklistAsync(WorklistQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _created.RunAsync(async ct =>
        {
            var (from, to) = query.Status switch
            {
                WorklistStatus.Due => (Max(query.From, query.Today), query.To),
                WorklistStatus.Overdue => (query.From, Min(query.To, query.Today.AddDays(-1))),
                _ => (query.From, query.To),
            };
            var items = new List<WorklistItem>();
            var upper = CourseTableKeys.Date(to) + "|~";
            for (var month = new DateOnly(from.Year, from.Month, 1); month <= to && items.Count <= query.PageSize; month = month.AddMonths(1))
            {
                if (query.After is { } after && after.DueDate >= month.AddMonths(1))
                {
                    continue;
                }

                var lower = query.After is { } last && last.DueDate >= month
                    ? CourseTableKeys.WorklistRow(last.DueDate, last.CourseId, last.FollowUpId)
                    : CourseTableKeys.Date(Max(from, month));
                var exclusive = query.After is { } l && l.DueDate >= month;
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CourseTableKeys.WorklistPartition(query.CareTeamId, month)} and RowKey ge {lower} and RowKey lt {upper}");
                if (query.Status != WorklistStatus.All)
                {
                    filter += " and State eq 'Pending' and CourseStopped eq false";
                }

                await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, query.PageSize + 1), cancellationToken: ct).ConfigureAwait(false))
                {
                    if (exclusive && row.RowKey == lower)
                    {
                        continue;
                    }

                    items.Add(CourseEventEntityMapper.ToWorklistItem(row));
                    if (items.Count > query.PageSize)
                    {
                        break;
                    }
                }
            }

            if (items.Count <= query.PageSize)
            {
                return new WorklistPage(items, null);
            }

            var page = items.Take(query.PageSize).ToArray();
            var end = page[^1];
            return new WorklistPage(page, new WorklistPosition(end.DueDate, end.CourseId, end.FollowUpId));
        }, cancellationToken);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static TableEntity ToAgendaEntity(AgendaEntry a) => FollowUpEntityMapper.ToAgendaEntity(a.CourseId, a.FollowUpId, a.Date, a.DueDate);

    private async Task DeleteIfExistsAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone (another sweep, or the table itself).
        }
    }

    private Task WriteInBatchesAsync(IEnumerable<TableEntity> rows, TableTransactionActionType action, CancellationToken cancellationToken) =>
        ForEachBatchAsync(rows, (chunk, ct) => _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(action, e)), ct), cancellationToken);

    /// <summary>Adds rows in batches; a batch refused because a row exists (a retried request) is added row by row, keeping what exists.</summary>
    private Task AddKeepingExistingAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken) =>
        ForEachBatchAsync(rows, async (chunk, ct) =>
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                foreach (var row in chunk)
                {
                    try
                    {
                        await _table.AddEntityAsync(row, ct).ConfigureAwait(false);
                    }
                    catch (RequestFailedException one) when (one.Status == 409)
                    {
                        // Written by an earlier attempt: its state (reminders sent, say) stands.
                    }
                }
            }
        }, cancellationToken);

    /// <summary>
    /// One transaction per partition (chunks of 100), up to <see cref="CourseStoreTables.WriteParallelism"/> in
    /// flight: the transactions are independent (each its own partition or chunk), and the call returns only
    /// when all of them succeeded, so a caller's next write (a commit marker) still comes after every one.
    /// </summary>
    private async Task ForEachBatchAsync(IEnumerable<TableEntity> rows, Func<TableEntity[], CancellationToken, Task> submit, CancellationToken cancellationToken)
    {
        var chunks = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxBatch)).ToList();
        if (chunks.Count == 1 || _parallelism == 1)
        {
            foreach (var chunk in chunks)
            {
                await submit(chunk, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, async (chunk, ct) => await submit(chunk, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
