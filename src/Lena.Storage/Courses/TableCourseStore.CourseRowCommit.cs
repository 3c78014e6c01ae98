using Azure;
using Azure.Data.Tables;
using Lena.Courses;

namespace Lena.Storage.Courses;

/// <summary>Follow-ups added to a committed course, with the course row as the commit (see <see cref="ICourseStore.TryAddFollowUpsAsync"/>).</summary>
public sealed partial class TableCourseStore
{
    /// <summary>
    /// The follow-ups and the course row in one entity-group transaction of the course's partition, the row replaced on
    /// its ETag (Azurite and Azure enforce a batch's If-Match: <c>CourseStoreProtocolTests</c>). A stop replaces the row
    /// first, so a writer that read the course before the stop writes nothing, and one that committed first is seen by the
    /// stop's listing after its own row update. Replacements go in the last transaction, beside the course row.
    /// </summary>
    public Task<CourseRecord?> TryAddFollowUpsAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly? agendaDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(followUps);
        if (course.ETag is null)
        {
            throw new ArgumentException("The course must be one read from the store (its ETag is the condition).", nameof(course));
        }

        var ordered = followUps.OrderBy(f => f.ETag is not null).ToArray();
        // The last transaction holds the course row and the schedule's invalidation beside at most 98 follow-ups.
        var earlier = Math.Max(0, ordered.Length - (MaxBatch - 2));
        if (ordered.Take(earlier).Any(f => f.ETag is not null))
        {
            throw new ArgumentException($"At most {MaxBatch - 2} follow-ups can be replaced with the course row.", nameof(followUps));
        }

        return _created.RunAsync(async ct =>
        {
            if (agendaDay is { } day && ordered.Length > 0)
            {
                await _table.UpsertEntityAsync(FollowUpEntityMapper.ToAgendaEntity(course.CourseId, day), TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            if (earlier > 0)
            {
                await AddFollowUpsInvalidatingAsync([.. ordered.Take(earlier)], ct).ConfigureAwait(false);
            }

            var actions = ordered.Skip(earlier)
                .Select(f => f.ETag is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, FollowUpEntityMapper.ToEntity(f))
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, FollowUpEntityMapper.ToEntity(f), new ETag(f.ETag)))
                .Append(InvalidateSchedule(course.CourseId)) // the reminder sweep's schedule may not name these (TableCourseStore.Sweep)
                .Append(new TableTransactionAction(TableTransactionActionType.UpdateReplace, FollowUpEntityMapper.ToCourseEntity(course), new ETag(course.ETag)))
                .ToArray();
            try
            {
                var results = (await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).Value;
                return course with { ETag = results.Count == actions.Length ? results[^1].Headers.ETag?.ToString() : null };
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && !CreateOnce.IsMissing(ex))
            {
                return (CourseRecord?)null;
            }
        }, cancellationToken);
    }
}
