using Azure.Data.Tables;

namespace Lena.Storage.Courses;

/// <summary>The table client for <c>LenaFollowUps</c>, named by configuration.</summary>
public sealed record CourseStoreTables(TableClient FollowUps);
