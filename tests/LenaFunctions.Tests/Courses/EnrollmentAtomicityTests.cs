using Azure.Data.Tables;
using Lena.Courses;
using Lena.Storage.Courses;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Courses;

/// <summary>
/// Enrollment is all or nothing and safe to retry (API.md "Contract additions": Idempotency-Key;
/// ARCHITECTURE.md: the course row is the commit marker). Stop and completion can be repeated.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class EnrollmentAtomicityTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CourseApi _api = new(azurite);

    public void Dispose() => _api.Dispose();

    private async Task<int> CourseRowsAsync() =>
        await _api.Harness.Table.QueryAsync<TableEntity>(e => e.RowKey == "course").CountAsync();

    [Fact]
    public async Task The_same_Idempotency_Key_and_body_give_the_same_course_with_200_never_a_second()
    {
        var body = Enrollments.Starting();

        var first = await _api.EnrollAsync(body, idempotencyKey: "7d0c7a8e-enroll-1");
        var again = await _api.EnrollAsync(body, idempotencyKey: "7d0c7a8e-enroll-1");

        Assert.Equal(201, first.Status());
        Assert.Equal(200, again.Status());
        Assert.Equal(first.Header("Location"), again.Header("Location"));
        Assert.Equal(first.Json().GetProperty("followUps").GetArrayLength(), again.Json().GetProperty("followUps").GetArrayLength());
        Assert.Equal(1, await CourseRowsAsync());
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_body_is_a_422_and_stores_nothing_more()
    {
        await _api.EnrollAsync(Enrollments.Starting(), idempotencyKey: "key-2");

        var other = await _api.EnrollAsync(Enrollments.Starting(patientId: "pt-other"), idempotencyKey: "key-2");

        Assert.Equal(422, other.Status());
        Assert.Equal(1, await CourseRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_Idempotency_Key_is_a_400_naming_the_header(string key)
    {
        var response = await _api.EnrollAsync(Enrollments.Starting(), idempotencyKey: key);

        Assert.Equal(400, response.Status());
        Assert.Contains("Idempotency-Key", response.Errors().Keys);
    }

    [Fact]
    public async Task A_retry_after_an_enrollment_cut_short_completes_the_same_course()
    {
        // The first attempt wrote its follow-ups and agenda, then storage failed before the course row.
        var failing = new FailingBeforeCommitStore(_api.Harness.Store);
        var service = new CourseService(failing, _api.Harness.Sender, Microsoft.Extensions.Options.Options.Create(_api.Harness.Options), _api.Harness.Clock);
        var parsed = Lena.Clinical.Courses.EnrollmentParser.Parse(Enrollments.Starting(), _api.Harness.Rules, _api.Harness.Today);
        var claim = new IdempotencyRecord("ab", "cd", string.Empty);
        await Assert.ThrowsAsync<IOException>(() => service.EnrollAsync(parsed.Snapshot!, Enrollments.Starting(), _api.Harness.Rules, claim, CancellationToken.None));
        Assert.Equal(0, await CourseRowsAsync());

        var retried = await _api.Harness.Courses.EnrollAsync(parsed.Snapshot!, Enrollments.Starting(), _api.Harness.Rules, claim, CancellationToken.None);

        Assert.Equal(EnrollmentStatus.Replayed, retried.Status);
        Assert.Equal(failing.CourseId, retried.Course!.CourseId);
        Assert.Equal(1, await CourseRowsAsync());
        Assert.Equal(retried.FollowUps.Count, (await _api.Harness.Store.ListFollowUpsAsync(failing.CourseId!, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Rows_of_an_enrollment_that_never_committed_are_invisible_left_alone_while_fresh_and_removed_once_abandoned()
    {
        var failing = new FailingBeforeCommitStore(_api.Harness.Store);
        var service = new CourseService(failing, _api.Harness.Sender, Microsoft.Extensions.Options.Options.Create(_api.Harness.Options), _api.Harness.Clock);
        var parsed = Lena.Clinical.Courses.EnrollmentParser.Parse(Enrollments.Starting(), _api.Harness.Rules, _api.Harness.Today);
        await Assert.ThrowsAsync<IOException>(() => service.EnrollAsync(parsed.Snapshot!, Enrollments.Starting(), _api.Harness.Rules, null, CancellationToken.None));
        var courseId = failing.CourseId!;

        Assert.Equal(404, (await _api.GetCourseAsync(courseId)).Status());
        Assert.Equal(404, (await _api.ListAsync(courseId)).Status());

        // The storage clock is real; the sweep's is the harness's. Fresh: nothing is sent, nothing removed.
        _api.Harness.SetNow(DateTimeOffset.UtcNow);
        await _api.Harness.SweepAsync();
        Assert.Empty(await _api.Harness.ReceiveAsync());
        Assert.NotEmpty(await _api.Harness.AllAgendaAsync());

        // Abandoned past the grace period: the sweep removes the rows, still sending nothing.
        _api.Harness.SetNow(DateTimeOffset.UtcNow + _api.Harness.Options.UncommittedGrace + TimeSpan.FromMinutes(5));
        await _api.Harness.SweepAsync();
        Assert.Empty(await _api.Harness.ReceiveAsync());
        Assert.DoesNotContain(await _api.Harness.AllAgendaAsync(), a => a.Row.StartsWith(courseId, StringComparison.Ordinal) && !a.Row.EndsWith("|extend", StringComparison.Ordinal) && a.Day <= _api.Harness.Today);
    }

    [Fact]
    public async Task Stopping_again_on_the_same_day_finishes_the_stop_and_answers_200()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));
        const string stop = """{ "stoppedOn": "2026-11-18", "reason": "progression" }""";

        Assert.Equal(200, (await _api.StopAsync(courseId, stop)).Status());
        var again = await _api.StopAsync(courseId, stop);

        Assert.Equal(200, again.Status());
        Assert.Equal("stopped", again.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_completion_with_a_property_sent_twice_is_a_400()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.Starting());

        var response = await _api.CompleteAsync(courseId, "20261123-cbc", """{ "completedOn": "2026-11-20", "completedOn": "2026-11-21" }""");

        Assert.Equal(400, response.Status());
        Assert.Contains("completedOn", response.Errors().Keys);
    }

    /// <summary>Writes every row of an enrollment but fails on the commit marker, as a storage outage at that moment would.</summary>
    private sealed class FailingBeforeCommitStore(TableCourseStore inner) : DelegatingCourseStore(inner)
    {
        public string? CourseId { get; private set; }

        public override async Task<bool> EnrollAsync(CourseRecord course, IReadOnlyList<FollowUpRecord> followUps, DateOnly agendaDay, Lena.Courses.Therapy.CourseState state, Lena.Courses.Timeline.TimelineEvent enrolled, CancellationToken cancellationToken)
        {
            // As a plan too long for one transaction would: the pointer and the follow-ups, then no course row.
            CourseId = course.CourseId;
            await Inner.AddFollowUpsAsync(followUps, agendaDay, cancellationToken);
            throw new IOException("storage went away before the course row");
        }
    }
}
