using Azure.Data.Tables;

namespace Lena.Storage.Courses;

/// <summary>The table client for <c>LenaFollowUps</c>, named by configuration.</summary>
/// <param name="FollowUps">The table.</param>
/// <param name="WriteParallelism">
/// How many of one call's independent transactions are in flight at once (agenda pointers of several days, worklist rows
/// merged one by one, a plan too long for one batch); 1 issues them one after another.
/// </param>
public sealed record CourseStoreTables(TableClient FollowUps, int WriteParallelism = CourseStoreTables.DefaultWriteParallelism)
{
    public const int DefaultWriteParallelism = 8;
}
