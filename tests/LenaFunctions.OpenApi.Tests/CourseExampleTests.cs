using System.Text;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Courses;
using Lena.Clinical.Rules;
using Lena.Courses;
using Lena.Courses.Reminders;
using Lena.Testing;
using LenaFunctions.Functions.Courses;
using Microsoft.Extensions.Options;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>
/// The course examples tell one story, and apart from the course id (a new GUID) and the clock's
/// <c>createdAt</c> they are what the app's own course code produces for it: enrollment, completion
/// and stop run through <see cref="CourseService"/> on an in-memory store, and the answers are built
/// with the views the functions write. Only what the functions add themselves (their routing, the
/// 404s and the 400s of their own checks) is written by hand.
/// </summary>
public class CourseExampleTests
{
    private const string Enroll = "/courses";
    private const string Get = "/courses/{courseId}";
    private const string List = "/courses/{courseId}/follow-ups";
    private const string Complete = "/courses/{courseId}/follow-ups/{followUpId}/complete";
    private const string Stop = "/courses/{courseId}/stop";

    /// <summary>Enrolled on this day (the document's today); completion and stop happen later in the story.</summary>
    private static readonly DateTimeOffset EnrolledAt = new(2026, 11, 26, 10, 42, 17, 391, TimeSpan.Zero);

    [Fact]
    public async Task Enrollment_examples_are_what_the_app_stores_and_answers()
    {
        var requests = Requests(Enroll, "post");
        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            var parsed = EnrollmentParser.Parse(Body(request), RuleSetDocument.Default, OpenApiSpec.TodayDate);
            if (!parsed.IsValid)
            {
                Assert.True(request.InvalidRequest, $"{request.Id}: the app refuses it; put it in its 400 example as x-request (eng/openapi/lint-clean.py).");
                AssertExample(Response(Enroll, "post", "400", request.Name), Problem(parsed.Errors));
                continue;
            }

            var story = await Story.EnrollAsync(request);
            var documented = Response(Enroll, "post", "201", request.Name);
            var view = new EnrolledCourseView(RuleSetDocument.Default.Version, CourseView.Of(story.Course), story.FollowUps.Select(f => FollowUpView.Of(f, OpenApiSpec.TodayDate)).ToArray());
            AssertExample(documented, Json(view, Story.CourseId(), story.Course.CourseId));
        }
    }

    [Fact]
    public async Task Get_course_example_is_the_enrolled_course()
    {
        var story = await Story.EnrollAsync(TheEnrollment());
        foreach (var documented in Responses(Get, "get", "200"))
        {
            AssertExample(documented, Json(CourseView.Of(story.Course), Story.CourseId(), story.Course.CourseId));
        }
    }

    [Fact]
    public async Task Complete_examples_are_what_the_app_records_and_answers()
    {
        var requests = Requests(Complete, "post");
        Assert.NotEmpty(requests);
        var followUpId = Parameter(Complete, "post", "followUpId").GetString()!;
        foreach (var request in requests)
        {
            var body = JsonSerializer.Deserialize<CompleteFollowUpRequest>(request.Value.GetRawText(), LenaJson.Options)!;
            var story = await Story.EnrollAsync(TheEnrollment());
            story.Clock.Now = new DateTimeOffset(body.CompletedOn.ToDateTime(new TimeOnly(9, 5)), TimeSpan.Zero);
            var due = CourseIds.DueDateOf(followUpId);
            Assert.True(due is not null, $"{followUpId} is not a follow-up id.");
            var followUp = await story.Store.GetFollowUpAsync(story.Course.CourseId, followUpId, due.Value, CancellationToken.None);
            Assert.True(followUp is not null, $"The enrolled course has no follow-up {followUpId}.");

            var outcome = await story.Service.CompleteAsync(story.Course, followUp, body.CompletedOn, new CompletionInputs(body.Labs, body.Therapy, body.Renal), RuleSetDocument.Default, CancellationToken.None);
            if (outcome.FollowUp is null)
            {
                Assert.Equal(400, outcome.HoldCheck!.Status);
                AssertExample(Response(Complete, "post", "400", request.Name), Encoding.UTF8.GetString(outcome.HoldCheck.Body));
                continue;
            }

            JsonElement? holdCheck = outcome.HoldCheck is { } answer ? JsonSerializer.Deserialize<JsonElement>(answer.Body) : null;
            var view = new CompletionView(RuleSetDocument.Default.Version, FollowUpView.Of(outcome.FollowUp, body.CompletedOn), holdCheck, outcome.AlertQueued);
            AssertExample(Response(Complete, "post", "200", request.Name), Json(view));
            Assert.Equal(outcome.AlertQueued ? 1 : 0, story.Queue.Sent.Count);
        }
    }

    [Fact]
    public async Task Stop_and_follow_up_list_examples_are_what_the_app_stores_and_answers()
    {
        var request = Assert.Single(Requests(Stop, "post"));
        var body = JsonSerializer.Deserialize<StopCourseRequest>(request.Value.GetRawText(), LenaJson.Options)!;
        var lists = new Dictionary<string, (DateOnly Today, IReadOnlyList<FollowUpRecord> FollowUps)>(StringComparer.Ordinal);

        var enrolled = await Story.EnrollAsync(TheEnrollment());
        lists["overdue"] = (OpenApiSpec.TodayDate, await enrolled.Store.ListFollowUpsAsync(enrolled.Course.CourseId, CancellationToken.None));

        var story = await Story.EnrollAsync(TheEnrollment());
        var stopDay = body.StoppedOn.AddDays(1);
        story.Clock.Now = new DateTimeOffset(stopDay.ToDateTime(new TimeOnly(8, 30)), TimeSpan.Zero);
        var stopped = await story.Service.StopAsync(story.Course, body.StoppedOn, body.Reason, RuleSetDocument.Default, CancellationToken.None);
        Assert.NotNull(stopped);
        AssertExample(Response(Stop, "post", "200", request.Name), Json(CourseView.Of(stopped), Story.CourseId(), stopped.CourseId));
        lists["pendingAfterStop"] = (stopDay, await story.Store.ListFollowUpsAsync(story.Course.CourseId, CancellationToken.None));

        var documented = Responses(List, "get", "200");
        Assert.Equal(lists.Keys.Order(StringComparer.Ordinal), documented.Select(e => e.Name!).Order(StringComparer.Ordinal));
        foreach (var example in documented)
        {
            var (today, followUps) = lists[example.Name!];
            var status = example.Value.GetProperty("status").GetString()!;

            // As ListFollowUps filters and orders them.
            var views = followUps.Select(f => FollowUpView.Of(f, today))
                .Where(f => status == "all" || f.Status == status)
                .OrderBy(f => f.DueDate)
                .ThenBy(f => f.Test, StringComparer.Ordinal)
                .ToArray();
            Assert.NotEmpty(views);
            AssertExample(example, Json(new FollowUpListView(RuleSetDocument.Default.Version, Story.CourseId(), status, views)));
        }
    }

    [Fact]
    public void Course_examples_name_one_course_and_follow_ups_it_has()
    {
        var courseId = Story.CourseId();
        Assert.True(CourseIds.IsCourseId(courseId));
        foreach (var example in OpenApiSpec.Examples.Where(e => e.Path is not null && e.Path.StartsWith("/courses", StringComparison.Ordinal) && e.Status is "200" or "201"))
        {
            var text = example.Value.GetRawText();
            foreach (var id in System.Text.RegularExpressions.Regex.Matches(text, "\"courseId\":\"([^\"]*)\"").Select(m => m.Groups[1].Value))
            {
                Assert.Equal(courseId, id);
            }
        }

        var location = OpenApiSpec.Root.GetProperty("components").GetProperty("headers").GetProperty("CourseLocation").GetProperty("schema").GetProperty("example").GetString();
        Assert.Equal($"/api/courses/{courseId}", location);
    }

    private static ExampleCase TheEnrollment() =>
        Assert.Single(Requests(Enroll, "post"), r => !r.InvalidRequest);

    private static ExampleCase[] Requests(string path, string method) =>
        OpenApiSpec.Examples.Where(e => e.Path == path && e.Method == method && e.Status is null && e.MediaType is not null).ToArray();

    private static ExampleCase[] Responses(string path, string method, string status) =>
        OpenApiSpec.Examples.Where(e => e.Path == path && e.Method == method && e.Status == status).ToArray();

    private static ExampleCase Response(string path, string method, string status, string? name)
    {
        var found = OpenApiSpec.Examples.SingleOrDefault(e => e.Path == path && e.Method == method && e.Status == status && e.Name == name);
        Assert.True(found is not null, $"{method.ToUpperInvariant()} {path}: the app answers {status} for the request example \"{name}\"; document it as the {status} example of that name.");
        return found;
    }

    private static JsonElement Parameter(string path, string method, string name) =>
        OpenApiSpec.Examples.Single(e => e.Path == path && e.Method == method && e.Id.EndsWith($" parameter {name}", StringComparison.Ordinal)).Value;

    private static byte[] Body(ExampleCase example) => Encoding.UTF8.GetBytes(example.Value.GetRawText());

    private static string Problem(ValidationErrors errors) => Encoding.UTF8.GetString(ClinicalAnswer.Problem(ProblemDetails.Validation(errors)).Body);

    /// <summary>The view as the app writes it, with the course id the example uses instead of the random one.</summary>
    private static string Json<T>(T value, string? exampleCourseId = null, string? actualCourseId = null)
    {
        var json = JsonSerializer.Serialize(value, LenaJson.Options);
        return actualCourseId is null ? json : json.Replace(actualCourseId, exampleCourseId, StringComparison.Ordinal);
    }

    private static void AssertExample(ExampleCase documented, string actual)
    {
        using var actualJson = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(actualJson.RootElement, documented.Value), $"{documented.Id} differs from what the app answers; replace it with:\n{actual}");
    }

    /// <summary>A course enrolled through <see cref="CourseService"/> as EnrollCourse does it, on an in-memory store.</summary>
    private sealed record Story(CourseService Service, InMemoryCourseStore Store, RecordingQueue Queue, SettableClock Clock, CourseRecord Course, IReadOnlyList<FollowUpRecord> FollowUps)
    {
        public static string CourseId() => OpenApiSpec.Root.GetProperty("components").GetProperty("parameters").GetProperty("CourseId").GetProperty("example").GetString()!;

        public static async Task<Story> EnrollAsync(ExampleCase request)
        {
            var body = Body(request);
            var parsed = EnrollmentParser.Parse(body, RuleSetDocument.Default, OpenApiSpec.TodayDate);
            Assert.True(parsed.IsValid, $"{request.Id}: {Problem(parsed.Errors)}");
            var store = new InMemoryCourseStore();
            var queue = new RecordingQueue();
            var clock = new SettableClock { Now = EnrolledAt };
            var service = new CourseService(store, queue, Options.Create(new ReminderOptions()), clock);
            var enrolled = await service.EnrollAsync(parsed.Snapshot!, body, RuleSetDocument.Default, null, CancellationToken.None);
            var (course, followUps) = (enrolled.Course!, enrolled.FollowUps);
            return new Story(service, store, queue, clock, course, followUps);
        }
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingQueue : IReminderSender
    {
        public List<ReminderMessage> Sent { get; } = [];

        public Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(message); // The sweep sends concurrently.
            }

            return Task.CompletedTask;
        }
    }
}
