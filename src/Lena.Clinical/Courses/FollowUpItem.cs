namespace Lena.Clinical.Courses;

/// <summary>One dated follow-up of a course: a monitoring test or a post-treatment REMS duty.</summary>
/// <param name="Test">A monitoring test (cbc, liverFunction, …) or a duty (remsContraception, …), as on the wire.</param>
public sealed record FollowUpItem(string Test, DateOnly DueDate, string Reason)
{
    /// <summary>Stable within a course: the planner never puts one test twice on one day.</summary>
    public string Id => $"{DueDate:yyyyMMdd}-{Test}";
}
