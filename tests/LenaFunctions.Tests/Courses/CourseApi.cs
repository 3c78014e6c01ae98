using System.Text;
using LenaFunctions.Functions.Courses;
using LenaFunctions.Functions.Reminders;
using LenaFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Courses;

/// <summary>
/// The course functions and the reminder timer, constructed as the worker would and invoked
/// directly: storage is a <see cref="CourseHarness"/> in Azurite, the rule cache is TestApp's over
/// the in-memory rule store, the clock is the harness's.
/// </summary>
public sealed class CourseApi : IDisposable
{
    private readonly TestApp _app = TestApp.Seeded();

    public CourseApi(AzuriteFixture azurite) => Harness = new CourseHarness(azurite);

    public CourseHarness Harness { get; }

    public Task<HttpResponseData> EnrollAsync(byte[] body, string contentType = "application/json", string? idempotencyKey = null)
    {
        var request = TestHttpRequestData.Create("POST", "courses", body, contentType);
        return new EnrollCourse(Harness.Courses, _app.Rules, Harness.Clock).Run(idempotencyKey is null ? request : request.WithHeader("Idempotency-Key", idempotencyKey), CancellationToken.None);
    }

    public Task<HttpResponseData> GetCourseAsync(string courseId) =>
        new GetCourse(Harness.Store).Run(TestHttpRequestData.Create("GET", "courses/" + courseId), courseId, CancellationToken.None);

    public Task<HttpResponseData> ListAsync(string courseId, string? status = null) =>
        new ListFollowUps(Harness.Store, Harness.Clock).Run(
            TestHttpRequestData.Create("GET", $"courses/{courseId}/follow-ups" + (status is null ? string.Empty : "?status=" + Uri.EscapeDataString(status))),
            courseId,
            CancellationToken.None);

    public Task<HttpResponseData> CompleteAsync(string courseId, string followUpId, string body) =>
        new CompleteFollowUp(Harness.Store, Harness.Courses, _app.Rules, Harness.Clock).Run(
            TestHttpRequestData.Json("POST", $"courses/{courseId}/follow-ups/{followUpId}/complete", Encoding.UTF8.GetBytes(body)),
            courseId,
            followUpId,
            CancellationToken.None);

    public Task<HttpResponseData> StopAsync(string courseId, string body) =>
        new StopCourse(Harness.Store, Harness.Courses, _app.Rules, Harness.Clock).Run(
            TestHttpRequestData.Json("POST", $"courses/{courseId}/stop", Encoding.UTF8.GetBytes(body)),
            courseId,
            CancellationToken.None);

    public Task<HttpResponseData> RecordLabsAsync(string courseId, string body) =>
        new RecordLabs(Harness.Store, Harness.Therapy, Harness.Courses, _app.Rules, Harness.Clock).Run(
            TestHttpRequestData.Json("POST", $"courses/{courseId}/labs", Encoding.UTF8.GetBytes(body)), courseId, CancellationToken.None);

    public Task<HttpResponseData> ChangeDoseAsync(string courseId, string body) =>
        new ChangeDose(Harness.Store, Harness.Therapy, Harness.Courses, _app.Rules, Harness.Clock).Run(
            TestHttpRequestData.Json("POST", $"courses/{courseId}/dose-changes", Encoding.UTF8.GetBytes(body)), courseId, CancellationToken.None);

    public Task<HttpResponseData> TimelineAsync(string courseId) =>
        new GetTimeline(Harness.Store, Harness.Clock).Run(TestHttpRequestData.Create("GET", $"courses/{courseId}/timeline"), courseId, CancellationToken.None);

    public Task<HttpResponseData> WorklistAsync(string query) =>
        new LenaFunctions.Functions.Worklist.GetWorklist(Harness.Store, Harness.Clock).Run(TestHttpRequestData.Create("GET", "worklist?" + query), CancellationToken.None);

    /// <summary>One firing of the <c>FollowUpReminders</c> timer.</summary>
    public Task RunTimerAsync(bool isPastDue = false) =>
        new FollowUpReminders(Harness.NewSweeper(), _app.Rules, NullLogger<FollowUpReminders>.Instance).Run(new TimerInfo { IsPastDue = isPastDue }, CancellationToken.None);

    /// <summary>Enrolls <paramref name="body"/> and returns the new course's id (asserting 201).</summary>
    public async Task<string> EnrolledAsync(byte[] body)
    {
        var response = await EnrollAsync(body);
        Assert.True(response.Status() == 201, response.BodyText());
        return response.Json().GetProperty("course").GetProperty("courseId").GetString()!;
    }

    public void Dispose() => _app.Dispose();
}
