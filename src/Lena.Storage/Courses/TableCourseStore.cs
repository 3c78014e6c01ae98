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
public sealed partial class TableCourseStore(CourseStoreTables tables) : ICourseStore
{
    /// <summary>A table batch holds at most 100 entities of one partition.</summary>
    private const int MaxBatch = 100;

    /// <summary>Conflicting writers of one worklist row retry this often (each retry re-reads the row).</summary>
    private const int WorklistAttempts = 10;

    private readonly TableClient _table = tables.FollowUps;
    private readonly int _parallelism = Math.Max(1, tables.WriteParallelism);
    private readonly CreateOnce _created = new(ct => tables.FollowUps.CreateIfNotExistsAsync(ct));

    public Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => EnrollCoreAsync(course, followUps, agendaDay, state, enrolled, ct), cancellationToken);

    /// <summary>
    /// Two transactions: the course's agenda pointer (before anything the sweep could act on, so a committed course is
    /// never without one), then the course's partition — state, <c>enrolled</c> event, every follow-up and the course row —
    /// as one entity-group transaction, all or nothing. A plan of more than 97 follow-ups takes more than one batch: those
    /// before the last go first and the course row, in the last, is still the commit marker. A retry (same course id) adds
    /// what is missing and keeps every row that exists: the first attempt may have committed meanwhile and a sweep claimed
    /// one of its follow-ups, which a rewrite would undo (issue 13, D).
    /// </summary>
    private async Task<bool> EnrollCoreAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, CourseState state, TimelineEvent enrolled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(followUps);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(enrolled);
        await _table.UpsertEntityAsync(FollowUpEntityMapper.ToAgendaEntity(course.CourseId, agendaDay), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>(followUps.Count + 2)
        {
            CourseEventEntityMapper.ToStateEntity(state),
            CourseEventEntityMapper.ToEventEntity(course.CourseId, enrolled),
        };
        rows.AddRange(followUps.Select(FollowUpEntityMapper.ToEntity));
        var marker = FollowUpEntityMapper.ToCourseEntity(course);
        if (rows.Count < MaxBatch)
        {
            try
            {
                await _table.SubmitTransactionAsync(rows.Append(marker).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // A retry: the course (committed) or some of its rows (a cut-short attempt) exist. Below, row by row.
            }
        }

        await AddKeepingExistingAsync(rows, cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(marker, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // A retry of the same enrollment committed first.
        }
    }

    public Task AddFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        return _created.RunAsync(async ct =>
        {
            if (followUps.Count == 0)
            {
                return;
            }

            // The pointer first: follow-ups never exist without the sweep being told to look at their course.
            if (agendaDay is { } day)
            {
                await _table.UpsertEntityAsync(FollowUpEntityMapper.ToAgendaEntity(followUps[0].CourseId, day), TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            await AddFollowUpsInvalidatingAsync(followUps, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

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
                e => e.PartitionKey == partition && e.RowKey.CompareTo(CourseTableKeys.FollowUpPrefix) >= 0 && e.RowKey.CompareTo(CourseTableKeys.FollowUpEnd) < 0,
                cancellationToken: ct).ConfigureAwait(false))
            {
                list.Add(FollowUpEntityMapper.ToRecord(row));
            }

            return list;
        }, cancellationToken);

    /// <summary>The course row and the <c>fu|</c> rows in one query of the course's partition (not its timeline).</summary>
    public Task<(CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps)> ReadCourseAsync(string courseId, CancellationToken cancellationToken) =>
        _created.RunAsync<(CourseRecord?, IReadOnlyList<FollowUpRecord>)>(async ct =>
        {
            var partition = CourseTableKeys.CoursePartition(courseId);
            CourseRecord? course = null;
            var list = new List<FollowUpRecord>();
            // A filter string, not an expression: the SDK compiles an expression's captured values on every call.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {CourseTableKeys.CourseRow} or (RowKey ge {CourseTableKeys.FollowUpPrefix} and RowKey lt {CourseTableKeys.FollowUpEnd}))");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                if (row.RowKey == CourseTableKeys.CourseRow)
                {
                    course = FollowUpEntityMapper.ToCourse(row);
                }
                else
                {
                    list.Add(FollowUpEntityMapper.ToRecord(row));
                }
            }

            return (course, list);
        }, cancellationToken);

    public Task<FollowUpRecord?> GetFollowUpAsync(string courseId, string followUpId, DateOnly dueDate, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(CourseTableKeys.CoursePartition(courseId), CourseTableKeys.FollowUpRow(followUpId), cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue ? FollowUpEntityMapper.ToRecord(row.Value!) : null;
        }, cancellationToken);

    public async Task<FollowUpRecord?> TryUpdateFollowUpAsync(FollowUpRecord followUp, bool updateWorklist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        try
        {
            var updated = followUp with { ETag = await ReplaceFollowUpAsync(followUp, cancellationToken).ConfigureAwait(false) };
            if (updateWorklist && followUp.State != FollowUpState.Pending)
            {
                // Done or cancelled: the team's worklist shows it (a pending item is already there as written).
                await WriteWorklistAsync([followUp], courseStopped: false, replace: true, cancellationToken).ConfigureAwait(false);
            }

            return updated;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 && !CreateOnce.IsMissing(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// One entity-group transaction of <c>Merge</c>s of the reminder state (claim, sent marks), each conditional on its
    /// row's ETag (Azurite enforces a batch's If-Match too: <c>CourseStoreProtocolTests</c>), so each row ends as the
    /// record says; the new ETags come back per operation, in order.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRecord>?> TryReplaceFollowUpsAsync(IReadOnlyList<FollowUpRecord> followUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        var replaced = new List<FollowUpRecord>(followUps.Count);
        foreach (var chunk in followUps.Chunk(MaxBatch))
        {
            try
            {
                var response = await _table.SubmitTransactionAsync(
                    chunk.Select(f => new TableTransactionAction(TableTransactionActionType.UpdateMerge, FollowUpEntityMapper.ToReminderStateEntity(f), IfMatch(f.ETag))),
                    cancellationToken).ConfigureAwait(false);
                var results = response.Value;
                for (var i = 0; i < chunk.Length; i++)
                {
                    var etag = i < results.Count ? results[i].Headers.ETag?.ToString() : null;
                    replaced.Add(chunk[i] with { ETag = etag });
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 && !CreateOnce.IsMissing(ex))
            {
                return null;
            }
        }

        return replaced;
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

    public async IAsyncEnumerable<IReadOnlyList<AgendaEntry>> ReadAgendaAsync(DateOnly day, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var partition = CourseTableKeys.AgendaPartition(day);
        var pages = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
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

                if (pages.Current.Values.Count > 0)
                {
                    yield return pages.Current.Values.Select(row => new AgendaEntry(day, row.GetString("CourseId"), row.Timestamp, row.ETag.ToString())).ToArray();
                }
            }
        }
    }

    public Task AddAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _created.RunAsync(ct => WriteInBatchesAsync(entries.Select(e => FollowUpEntityMapper.ToAgendaEntity(e.CourseId, e.Date)).DistinctBy(e => (e.PartitionKey, e.RowKey)), TableTransactionActionType.UpsertReplace, ct), cancellationToken);
    }

    /// <summary>
    /// In batches per day, each row conditional on the ETag it was read with: an entry renewed meanwhile (a writer put
    /// the course on that day again) stays. A batch refused for one row is done row by row, skipping the refused ones.
    /// </summary>
    public Task DeleteAgendaAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => new TableEntity(CourseTableKeys.AgendaPartition(e.Date), e.CourseId) { ETag = e.ETag is null ? ETag.All : new ETag(e.ETag) });
        return ForEachBatchAsync(rows, async (chunk, ct) =>
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag)), ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                foreach (var row in chunk)
                {
                    await DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, ct).ConfigureAwait(false);
                }
            }
        }, cancellationToken);
    }

    public async Task RemoveUncommittedAsync(AgendaEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var partition = CourseTableKeys.CoursePartition(entry.CourseId);
        var keys = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        if (keys.Contains(CourseTableKeys.CourseRow, StringComparer.Ordinal))
        {
            return; // Committed after all: the next sweep looks at it as at any course.
        }

        await ForEachBatchAsync(keys.Select(k => new TableEntity(partition, k)), (chunk, ct) => _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct), cancellationToken).ConfigureAwait(false);

        // The agenda entry last: while it exists, the next sweep finds the rest.
        await DeleteAgendaAsync([entry], cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The items go into their course's rows (one per due date) of the team's partition. New rows (an enrollment) are
    /// added in one transaction per partition; rows that exist are merged one by one, each read and replaced on its ETag
    /// (two writers of one row retry instead of undoing each other), keeping items that exist unless <paramref name="replace"/>.
    /// </summary>
    public Task WriteWorklistAsync(IReadOnlyList<FollowUpRecord> followUps, bool courseStopped, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        var rows = followUps
            .GroupBy(f => (f.CareTeamId, f.DueDate, f.CourseId))
            .Select(g => (g.Key.CareTeamId, g.Key.DueDate, g.Key.CourseId, g.First().PatientId, Items: g.Select(f => WorklistEntityMapper.ToItem(f, courseStopped)).ToArray()))
            .ToArray();
        if (rows.Length == 0)
        {
            return Task.CompletedTask;
        }

        return _created.RunAsync(async ct =>
        {
            if (!replace)
            {
                try
                {
                    await ForEachBatchAsync(
                        rows.Select(r => WorklistEntityMapper.ToEntity(r.CareTeamId, r.DueDate, r.CourseId, r.PatientId, r.Items)),
                        (chunk, c) => _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), c),
                        ct).ConfigureAwait(false);
                    return;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // Some rows exist (a retry, follow-ups added on a day the course already has one): merge below.
                }
            }

            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = ct }, async (r, c) =>
                await MergeWorklistRowAsync(r.CareTeamId, r.DueDate, r.CourseId, r.PatientId, r.Items, replace, c).ConfigureAwait(false)).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task MergeWorklistRowAsync(string careTeamId, DateOnly dueDate, string courseId, string patientId, IReadOnlyList<WorklistItem> items, bool replace, CancellationToken cancellationToken)
    {
        var partition = CourseTableKeys.WorklistPartition(careTeamId);
        var rowKey = CourseTableKeys.WorklistRow(dueDate, courseId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var merged = existing.HasValue
                ? WorklistEntityMapper.ToItems(existing.Value!).ToDictionary(i => i.FollowUpId, StringComparer.Ordinal)
                : new Dictionary<string, WorklistItem>(StringComparer.Ordinal);
            var changed = !existing.HasValue;
            foreach (var item in items)
            {
                if (replace ? !Equals(merged.GetValueOrDefault(item.FollowUpId), item) : !merged.ContainsKey(item.FollowUpId))
                {
                    merged[item.FollowUpId] = item;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }

            var entity = WorklistEntityMapper.ToEntity(careTeamId, dueDate, courseId, patientId, merged.Values);
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < WorklistAttempts)
            {
                // Another writer of this row came first: read it again.
            }
        }
    }

    /// <summary>
    /// One row-key range query of the team's partition (due date, then course: the worklist's order; items within a row
    /// by follow-up), from the page's start, with <c>Open</c> filtered in storage for the due and overdue lists; stops one
    /// item past a full page.
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
            var lower = query.After is { } after && after.DueDate >= from
                ? CourseTableKeys.WorklistRow(after.DueDate, after.CourseId)
                : CourseTableKeys.Date(from);
            var upper = CourseTableKeys.Date(to) + "|~";
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CourseTableKeys.WorklistPartition(query.CareTeamId)} and RowKey ge {lower} and RowKey lt {upper}");
            if (query.Status != WorklistStatus.All)
            {
                filter += " and Open eq true";
            }

            if (from <= to)
            {
                await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, query.PageSize + 1), cancellationToken: ct).ConfigureAwait(false))
                {
                    items.AddRange(WorklistEntityMapper.ToItems(row).Where(i =>
                        (query.Status == WorklistStatus.All || WorklistEntityMapper.IsOpen(i))
                        && (query.After is not { } last || Compare(i, last) > 0)));
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

    /// <summary>The worklist's order: due date, then course, then follow-up (ordinal).</summary>
    private static int Compare(WorklistItem item, WorklistPosition position)
    {
        var byDate = item.DueDate.CompareTo(position.DueDate);
        if (byDate != 0)
        {
            return byDate;
        }

        var byCourse = string.CompareOrdinal(item.CourseId, position.CourseId);
        return byCourse != 0 ? byCourse : string.CompareOrdinal(item.FollowUpId, position.FollowUpId);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private async Task DeleteIfUnchangedAsync(string partition, string row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, row, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone (another sweep) or renewed meanwhile (someone put the course on this day again): it stands.
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
        if (chunks.Count <= 1 || _parallelism == 1)
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
