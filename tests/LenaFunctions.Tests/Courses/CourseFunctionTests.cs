using System.Text;
using System.Text.Json;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Courses;

/// <summary>The course functions invoked directly, over Azurite-backed stores (API.md "Treatment courses and reminders").</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class CourseFunctionTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CourseApi _api = new(azurite);

    public void Dispose() => _api.Dispose();

    private static string[] ErrorKeys(Microsoft.Azure.Functions.Worker.Http.HttpResponseData response) => [.. response.Errors().Keys];

    [Fact]
    public async Task EnrollingAnswers201WithLocationTheCourseAndItsFollowUps()
    {
        var response = await _api.EnrollAsync(Enrollments.Starting());

        Assert.Equal(201, response.Status());
        var body = response.Json();
        var courseId = body.GetProperty("course").GetProperty("courseId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", courseId);
        Assert.Equal("/api/courses/" + courseId, response.Header("Location"));
        Assert.Equal("pt-000123", body.GetProperty("course").GetProperty("patientId").GetString());
        Assert.Equal("active", body.GetProperty("course").GetProperty("status").GetString());
        Assert.Equal("2026-11-23", body.GetProperty("course").GetProperty("startDate").GetString());
        var followUps = body.GetProperty("followUps").EnumerateArray().ToArray();
        Assert.NotEmpty(followUps);
        Assert.All(followUps, f => Assert.Equal("pending", f.GetProperty("status").GetString()));
        Assert.Contains(followUps, f => f.GetProperty("followUpId").GetString() == "20261123-cbc");

        // The Location answers with the same course.
        var get = await _api.GetCourseAsync(courseId);
        Assert.Equal(200, get.Status());
        Assert.Equal(body.GetProperty("course").ToString(), get.Json().ToString());
    }

    [Fact]
    public async Task EnrollingWithoutPatientIdIs400NamingPatientId()
    {
        var response = await _api.EnrollAsync(Enrollments.Modify(Enrollments.Starting(), root => root.Remove("patientId")));

        Assert.Equal(400, response.Status());
        Assert.Equal(["patientId"], ErrorKeys(response));
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrollingWithoutStartDateIs400NamingIt()
    {
        var response = await _api.EnrollAsync(Enrollments.Modify(Enrollments.Starting(), root => root["therapy"]!.AsObject().Remove("startDate")));

        Assert.Equal(400, response.Status());
        Assert.Contains("therapy.startDate", ErrorKeys(response));
    }

    public static TheoryData<string, string> BadEnrollments => new()
    {
        { "not JSON", "$" },
        { """{ "patientId": "pt-1", "indication": "multipleMyeloma", "platelet": 1 }""", "platelet" },
        { "[]", "$" },
    };

    [Theory]
    [MemberData(nameof(BadEnrollments))]
    public async Task BadEnrollmentBodiesAre400NamingWhereTheyAreWrong(string body, string path)
    {
        var response = await _api.EnrollAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, response.Status());
        Assert.Contains(path, ErrorKeys(response));
    }

    [Fact]
    public async Task EnrollingAsTextIs415()
    {
        var response = await _api.EnrollAsync(Enrollments.Starting(), "text/plain");

        Assert.Equal(415, response.Status());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fcourse")]
    public async Task MalformedOrUnknownCourseIdsAre404Everywhere(string courseId)
    {
        Assert.Equal(404, (await _api.GetCourseAsync(courseId)).Status());
        Assert.Equal(404, (await _api.ListAsync(courseId)).Status());
        Assert.Equal(404, (await _api.CompleteAsync(courseId, "20261123-cbc", """{ "completedOn": "2026-11-21" }""")).Status());
        Assert.Equal(404, (await _api.StopAsync(courseId, """{ "stoppedOn": "2026-11-21", "reason": "toxicity" }""")).Status());
    }

    [Theory]
    [InlineData("20261124-cbc")]
    [InlineData("20261123-nosuchtest")]
    [InlineData("cbc")]
    [InlineData("20261332-cbc")]
    [InlineData("2026112-cbc")]
    public async Task UnknownOrMalformedFollowUpsAre404(string followUpId)
    {
        var courseId = await _api.EnrolledAsync(Enrollments.Starting());

        var response = await _api.CompleteAsync(courseId, followUpId, """{ "completedOn": "2026-11-21" }""");

        Assert.Equal(404, response.Status());
        Assert.Contains(followUpId, response.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadCompletions => new()
    {
        { "{}", "completedOn" },
        { """{ "completedOn": "yesterday" }""", "completedOn" },
        { """{ "completedOn": "2026-11-22" }""", "completedOn" },
        { """{ "completedOn": "2026-11-21", "lab": {} }""", "lab" },
        { """{ "completedOn": "2026-11-21", "labs": { "ancPerMicroliter": 1900, "plateletsPerMicroliter": 42 } }""", "labs.plateletsPerMicroliter" },
        { """{ "completedOn": "2026-11-21", "labs": { "ancPerMicroliter": 1900, "platelets": 140000 } }""", "labs.platelets" },
        { """{ "completedOn": "2026-11-21", "labs": { "ancPerMicroliter": -5, "plateletsPerMicroliter": 140000 } }""", "labs.ancPerMicroliter" },
    };

    [Theory]
    [MemberData(nameof(BadCompletions))]
    public async Task BadCompletionBodiesAre400NamingTheFieldAndChangeNothing(string body, string path)
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

        var response = await _api.CompleteAsync(courseId, "20261121-cbc", body);

        Assert.True(response.Status() == 400, response.BodyText());
        Assert.Contains(path, ErrorKeys(response));
        var list = (await _api.ListAsync(courseId, "completed")).Json();
        Assert.Empty(list.GetProperty("followUps").EnumerateArray());
        Assert.Empty(await _api.Harness.ReceiveAsync());
    }

    [Fact]
    public async Task CompletingWithHoldLabsAnswersTheHoldCheckAndQueuesTheAlert()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

        var response = await _api.CompleteAsync(courseId, "20261121-cbc",
            """{ "completedOn": "2026-11-21", "labs": { "ancPerMicroliter": 1900, "plateletsPerMicroliter": 25000 } }""");

        Assert.True(response.Status() == 200, response.BodyText());
        var body = response.Json();
        Assert.Equal("completed", body.GetProperty("followUp").GetProperty("status").GetString());
        Assert.Equal("2026-11-21", body.GetProperty("followUp").GetProperty("completedOn").GetString());
        Assert.Equal("interrupt", body.GetProperty("holdCheck").GetProperty("dose").GetProperty("action").GetString());
        Assert.True(body.GetProperty("alertQueued").GetBoolean());
        var alert = Assert.Single(await _api.Harness.ReceiveAsync());
        Assert.Equal((courseId + ":20261121-cbc:alert", "alert", "2026-11-21"), (alert.ReminderId, alert.Kind, alert.DueDate));
    }

    [Fact]
    public async Task CompletingWithoutLabsAnswersTheFollowUpAndNoHoldCheck()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

        var response = await _api.CompleteAsync(courseId, "20261121-cbc", """{ "completedOn": "2026-11-21" }""");

        Assert.Equal(200, response.Status());
        var body = response.Json();
        Assert.Equal("completed", body.GetProperty("followUp").GetProperty("status").GetString());
        Assert.True(body.GetProperty("holdCheck").ValueKind == JsonValueKind.Null || !body.TryGetProperty("holdCheck", out _));
        Assert.False(body.GetProperty("alertQueued").GetBoolean());
    }

    [Fact]
    public async Task TheStatusFilterSelectsPendingDueOverdueCompletedOrAll()
    {
        // On treatment since 2026-10-24: weekly CBCs on 10-24 … 11-14 are overdue, 11-21 is due today.
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));
        Assert.Equal(200, (await _api.CompleteAsync(courseId, "20261114-cbc", """{ "completedOn": "2026-11-15" }""")).Status());

        var all = (await _api.ListAsync(courseId, "all")).Json().GetProperty("followUps").EnumerateArray()
            .Select(f => (Id: f.GetProperty("followUpId").GetString()!, Due: f.GetProperty("dueDate").GetString()!, Status: f.GetProperty("status").GetString()!))
            .ToArray();
        Assert.Equal(all, (await _api.ListAsync(courseId)).Json().GetProperty("followUps").EnumerateArray()
            .Select(f => (f.GetProperty("followUpId").GetString()!, f.GetProperty("dueDate").GetString()!, f.GetProperty("status").GetString()!)).ToArray());
        Assert.Equal(all.OrderBy(f => f.Due, StringComparer.Ordinal).Select(f => f.Due), all.Select(f => f.Due));

        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["completed"] = ["20261114-cbc"],
            ["due"] = all.Where(f => f.Due == "2026-11-21").Select(f => f.Id).ToArray(),
            ["overdue"] = all.Where(f => string.CompareOrdinal(f.Due, "2026-11-21") < 0 && f.Id != "20261114-cbc").Select(f => f.Id).ToArray(),
            ["pending"] = all.Where(f => string.CompareOrdinal(f.Due, "2026-11-21") > 0).Select(f => f.Id).ToArray(),
        };
        Assert.Contains("20261121-cbc", expected["due"]);
        Assert.Contains("20261024-cbc", expected["overdue"]);
        Assert.NotEmpty(expected["pending"]);
        Assert.Equal(all.Length, expected.Values.Sum(v => v.Length));
        foreach (var (status, ids) in expected)
        {
            var list = (await _api.ListAsync(courseId, status)).Json();
            Assert.Equal(status, list.GetProperty("status").GetString());
            Assert.Equal(ids, list.GetProperty("followUps").EnumerateArray().Select(f => f.GetProperty("followUpId").GetString()!).ToArray());
            Assert.All(list.GetProperty("followUps").EnumerateArray(), f => Assert.Equal(status, f.GetProperty("status").GetString()));
        }
    }

    [Theory]
    [InlineData("late")]
    [InlineData("Pending")]
    [InlineData("")]
    public async Task AnUnknownStatusFilterIs400NamingStatus(string status)
    {
        var courseId = await _api.EnrolledAsync(Enrollments.Starting());

        var response = await _api.ListAsync(courseId, status);

        Assert.Equal(400, response.Status());
        Assert.Equal(["status"], ErrorKeys(response));
    }

    [Fact]
    public async Task StoppingAnswersTheStoppedCourseAndTwiceIs409()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

        var stop = await _api.StopAsync(courseId, """{ "stoppedOn": "2026-11-18", "reason": "progression" }""");
        Assert.True(stop.Status() == 200, stop.BodyText());
        Assert.Equal(("stopped", "2026-11-18", "progression"),
            (stop.Json().GetProperty("status").GetString(), stop.Json().GetProperty("stoppedOn").GetString(), stop.Json().GetProperty("stopReason").GetString()));

        var again = await _api.StopAsync(courseId, """{ "stoppedOn": "2026-11-19", "reason": "progression" }""");
        Assert.Equal(409, again.Status());
        Assert.Equal("stopped", (await _api.GetCourseAsync(courseId)).Json().GetProperty("status").GetString());

        // Past follow-ups kept, future ones cancelled, the REMS duty 28 days after the last dose.
        var followUps = (await _api.ListAsync(courseId)).Json().GetProperty("followUps").EnumerateArray()
            .Select(f => (Id: f.GetProperty("followUpId").GetString()!, Status: f.GetProperty("status").GetString()!)).ToArray();
        Assert.Contains(("20261114-cbc", "overdue"), followUps);
        Assert.Contains(("20261121-cbc", "cancelled"), followUps);
        Assert.Contains(("20261216-remsBloodDonation", "pending"), followUps);
        Assert.DoesNotContain(followUps, f => f.Status == "cancelled" && string.CompareOrdinal(f.Id, "20261119") < 0);
        Assert.Equal(404, (await _api.CompleteAsync(courseId, "20261121-cbc", """{ "completedOn": "2026-11-21" }""")).Status());
    }

    public static TheoryData<string, string> BadStops => new()
    {
        { "{}", "stoppedOn" },
        { """{ "stoppedOn": "2026-11-20" }""", "reason" },
        { """{ "stoppedOn": "2026-11-20", "reason": " " }""", "reason" },
        { """{ "stoppedOn": "2026-11-22", "reason": "toxicity" }""", "stoppedOn" },
        { """{ "stoppedOn": "2026-10-01", "reason": "toxicity" }""", "stoppedOn" },
        { """{ "stoppedOn": "2026-11-20", "reason": "toxicity", "why": 1 }""", "why" },
    };

    [Theory]
    [MemberData(nameof(BadStops))]
    public async Task BadStopBodiesAre400NamingTheField(string body, string path)
    {
        var courseId = await _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

        var response = await _api.StopAsync(courseId, body);

        Assert.True(response.Status() == 400, response.BodyText());
        Assert.Contains(path, ErrorKeys(response));
        Assert.Equal("active", (await _api.GetCourseAsync(courseId)).Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheTimerPutsApiShapedMessagesOnTheQueue()
    {
        var courseId = await _api.EnrolledAsync(Enrollments.Starting());
        _api.Harness.SetNow(new DateOnly(2026, 11, 22), 0, 10);

        await _api.RunTimerAsync(isPastDue: true);

        var received = await _api.Harness.ReceiveAsync();
        Assert.NotEmpty(received);
        Assert.All(received, r =>
        {
            Assert.Equal(QueuedReminder.ContractProperties, r.Properties);
            Assert.Equal((courseId, "pt-000123", "upcoming", "2026-11-23"), (r.CourseId, r.PatientId, r.Kind, r.DueDate));
            Assert.Equal($"{courseId}:{r.FollowUpId}:upcoming", r.ReminderId);
            Assert.StartsWith("20261123-", r.FollowUpId, StringComparison.Ordinal);
            Assert.Contains(r.Test, r.Message, StringComparison.Ordinal);
        });

        // The follow-up list shows what was sent.
        var cbc = (await _api.ListAsync(courseId, "pending")).Json().GetProperty("followUps").EnumerateArray().Single(f => f.GetProperty("followUpId").GetString() == "20261123-cbc");
        Assert.True(cbc.GetProperty("upcomingReminderSent").GetBoolean());

        await _api.RunTimerAsync();
        Assert.Empty(await _api.Harness.ReceiveAsync());
    }
}
