using Lena.Courses.Worklist;
using Lena.Testing;

namespace Lena.Courses.Tests.Worklist;

/// <summary>
/// A care team's worklist (API.md <c>GET /api/worklist</c>): only that team's rows for the date range are
/// read (a partition per team, row keys from the due month), by due date, page by page.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class WorklistTests(AzuriteFixture azurite)
{
    private static readonly string[] Teams = ["team-a", "team-b", "team-c"];
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2027, 10, 31);

    private static async Task<List<WorklistItem>> ReadAllAsync(Lena.Storage.Courses.TableCourseStore store, WorklistQuery query)
    {
        var items = new List<WorklistItem>();
        for (WorklistPosition? after = null; ;)
        {
            var page = await store.ReadWorklistAsync(query with { After = after }, CancellationToken.None);
            Assert.True(page.Items.Count <= query.PageSize);
            items.AddRange(page.Items);
            if (page.Next is null)
            {
                return items;
            }

            Assert.Equal(query.PageSize, page.Items.Count);
            after = page.Next;
        }
    }

    [Fact]
    public async Task Thousands_of_follow_ups_across_teams_page_by_due_date_reading_only_the_teams_rows()
    {
        var harness = new CourseHarness(azurite);
        var enrolled = new System.Collections.Concurrent.ConcurrentBag<(string Team, IReadOnlyList<FollowUpRecord> FollowUps)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 72), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var team = Teams[i % Teams.Length];
            var (_, followUps) = await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23).AddDays(i % 10), $"pt-wl-{i:D3}"), team);
            enrolled.Add((team, followUps));
        });
        Assert.True(enrolled.Sum(e => e.FollowUps.Count) > 3000, "thousands of follow-ups");

        var expected = enrolled.Where(e => e.Team == "team-a").SelectMany(e => e.FollowUps)
            .Where(f => f.DueDate >= From && f.DueDate <= To)
            .OrderBy(f => f.DueDate).ThenBy(f => f.CourseId, StringComparer.Ordinal).ThenBy(f => f.FollowUpId, StringComparer.Ordinal)
            .Select(f => f.CourseId + "/" + f.FollowUpId)
            .ToArray();
        harness.Requests.Clear();

        var all = await ReadAllAsync(harness.Store, new WorklistQuery("team-a", From, To, WorklistStatus.All, harness.Today, 97, null));

        Assert.Equal(expected, all.Select(i => i.CourseId + "/" + i.FollowUpId));

        // Small pages of what is still due: the same order, the same items, whichever page boundary splits a day or a course.
        var due = await ReadAllAsync(harness.Store, new WorklistQuery("team-a", From, To, WorklistStatus.Due, harness.Today, 13, null));
        Assert.Equal(all.Where(i => i.DueDate >= harness.Today).Select(i => i.CourseId + "/" + i.FollowUpId), due.Select(i => i.CourseId + "/" + i.FollowUpId));

        var reads = harness.Requests.Snapshot();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains("PartitionKey eq 'work|team-a'", Uri.UnescapeDataString(r.Uri.Query), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Due_and_overdue_split_what_is_not_done_at_today_and_a_completed_follow_up_leaves_both()
    {
        var harness = new CourseHarness(azurite);
        for (var i = 0; i < 6; i++)
        {
            await harness.EnrollAsync(Enrollments.Starting(new DateOnly(2026, 11, 23).AddDays(i), $"pt-due-{i}"), i % 2 == 0 ? "team-due" : "team-other");
        }

        harness.SetNow(new DateOnly(2026, 12, 15), 8);
        var query = new WorklistQuery("team-due", From, new DateOnly(2027, 1, 31), WorklistStatus.All, harness.Today, 50, null);
        var all = await ReadAllAsync(harness.Store, query);
        var due = await ReadAllAsync(harness.Store, query with { Status = WorklistStatus.Due });
        var overdue = await ReadAllAsync(harness.Store, query with { Status = WorklistStatus.Overdue });

        Assert.All(due, i => Assert.True(i.DueDate >= harness.Today && i.State == FollowUpState.Pending));
        Assert.All(overdue, i => Assert.True(i.DueDate < harness.Today && i.State == FollowUpState.Pending));
        Assert.Equal(all.Count, due.Count + overdue.Count);

        var late = overdue[0];
        var stored = (await harness.Store.GetFollowUpAsync(late.CourseId, late.FollowUpId, late.DueDate, CancellationToken.None))!;
        var course = (await harness.Store.GetCourseAsync(late.CourseId, CancellationToken.None))!;
        await harness.Courses.CompleteAsync(course, stored, harness.Today, new CompletionInputs(null, null, null), harness.Rules, CancellationToken.None);

        Assert.DoesNotContain(await ReadAllAsync(harness.Store, query with { Status = WorklistStatus.Overdue }), i => i.FollowUpId == late.FollowUpId && i.CourseId == late.CourseId);
        Assert.Contains(await ReadAllAsync(harness.Store, query), i => i.FollowUpId == late.FollowUpId && i.CourseId == late.CourseId && i.State == FollowUpState.Completed);
    }
}
