using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Courses;

/// <summary>The timeline and worklist functions invoked directly: their 400s name this body's paths, a stopped or contraindicated course refuses.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TimelineFunctionTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CourseApi _api = new(azurite);

    public void Dispose() => _api.Dispose();

    private static string[] ErrorKeys(Microsoft.Azure.Functions.Worker.Http.HttpResponseData response) => [.. response.Errors().Keys];

    private Task<string> OnTreatmentAsync() => _api.EnrolledAsync(Enrollments.OnTreatment(new DateOnly(2026, 10, 24), new DateOnly(2026, 11, 20)));

    public static TheoryData<string, string> BadLabs => new()
    {
        { """{ "ancPerMicroliter": 1800, "plateletsPerMicroliter": 150000 }""", "takenOn" },
        { """{ "takenOn": "2026-11-21", "platelets": 150000 }""", "platelets" },
        { """{ "takenOn": "2026-11-21", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 42 }""", "plateletsPerMicroliter" },
        { """{ "takenOn": "2026-11-22", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 150000 }""", "takenOn" },
        { """{ "takenOn": "2026-11-21", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 150000, "therapy": { "currentDoseMg": 25 } }""", "therapy.currentDoseMg" },
        { """{ "takenOn": "2026-11-21", "takenOn": "2026-11-20", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 150000 }""", "takenOn" },
    };

    [Theory]
    [MemberData(nameof(BadLabs))]
    public async Task Bad_results_are_a_400_naming_the_field_as_this_body_sends_it_and_record_nothing(string body, string path)
    {
        var courseId = await OnTreatmentAsync();

        var response = await _api.RecordLabsAsync(courseId, body);

        Assert.Equal(400, response.Status());
        Assert.Contains(path, ErrorKeys(response));
        Assert.Single((await _api.TimelineAsync(courseId)).Json().GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Results_answer_the_event_and_the_dosing_answer_and_the_timeline_shows_them()
    {
        var courseId = await OnTreatmentAsync();

        var response = await _api.RecordLabsAsync(courseId, """{ "takenOn": "2026-11-21", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 20000 }""");

        Assert.Equal(200, response.Status());
        Assert.Equal("interrupt", response.Json().GetProperty("dosing").GetProperty("dose").GetProperty("action").GetString());
        var timeline = (await _api.TimelineAsync(courseId)).Json();
        Assert.Equal("interrupted", timeline.GetProperty("therapy").GetProperty("phase").GetString());
        Assert.Equal(2, timeline.GetProperty("events").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "effectiveOn": "2026-11-22", "doseMg": 15, "reason": "fatigue", "actor": "rn-1" }""", "effectiveOn")]
    [InlineData("""{ "effectiveOn": "2026-11-21", "doseMg": 12, "reason": "fatigue", "actor": "rn-1" }""", "doseMg")]
    [InlineData("""{ "effectiveOn": "2026-11-21", "doseMg": 30, "reason": "fatigue", "actor": "rn-1" }""", "doseMg")]
    [InlineData("""{ "effectiveOn": "2026-11-21", "doseMg": 15, "reason": " ", "actor": "rn-1" }""", "reason")]
    public async Task A_bad_dose_change_is_a_400_naming_the_field(string body, string path)
    {
        var courseId = await OnTreatmentAsync();

        var response = await _api.ChangeDoseAsync(courseId, body);

        Assert.Equal(400, response.Status());
        Assert.Contains(path, ErrorKeys(response));
    }

    [Fact]
    public async Task A_stopped_course_records_no_more_results_and_no_dose_change()
    {
        var courseId = await OnTreatmentAsync();
        Assert.Equal(200, (await _api.StopAsync(courseId, """{ "stoppedOn": "2026-11-21", "reason": "progression" }""")).Status());

        Assert.Equal(409, (await _api.RecordLabsAsync(courseId, """{ "takenOn": "2026-11-21", "ancPerMicroliter": 1800, "plateletsPerMicroliter": 150000 }""")).Status());
        Assert.Equal(409, (await _api.ChangeDoseAsync(courseId, """{ "effectiveOn": "2026-11-21", "doseMg": 15, "reason": "fatigue", "actor": "rn-1" }""")).Status());
        Assert.Equal("stopped", (await _api.TimelineAsync(courseId)).Json().GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("from=2026-11-01", "careTeamId")]
    [InlineData("careTeamId=a%20b", "careTeamId")]
    [InlineData("careTeamId=t1&from=2026-13-01", "from")]
    [InlineData("careTeamId=t1&from=2026-11-01&to=2026-10-01", "to")]
    [InlineData("careTeamId=t1&from=2026-01-01&to=2027-06-01", "to")]
    [InlineData("careTeamId=t1&status=late", "status")]
    [InlineData("careTeamId=t1&pageSize=0", "pageSize")]
    [InlineData("careTeamId=t1&continuationToken=bm90LWEtdG9rZW4", "continuationToken")]
    public async Task A_bad_worklist_query_is_a_400_naming_the_parameter(string query, string path)
    {
        var response = await _api.WorklistAsync(query);

        Assert.Equal(400, response.Status());
        Assert.Contains(path, ErrorKeys(response));
    }

    [Fact]
    public async Task A_continuation_token_of_another_query_is_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await _api.EnrollAsync(Enrollments.Modify(Enrollments.Starting(patientId: $"pt-tok-{i}"), root => root["careTeamId"] = "team-tok"));
        }

        var first = (await _api.WorklistAsync("careTeamId=team-tok&from=2026-11-01&to=2027-10-31&pageSize=10")).Json();
        var token = Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!);

        Assert.Equal(200, (await _api.WorklistAsync($"careTeamId=team-tok&from=2026-11-01&to=2027-10-31&pageSize=10&continuationToken={token}")).Status());
        Assert.Equal(400, (await _api.WorklistAsync($"careTeamId=team-other&from=2026-11-01&to=2027-10-31&pageSize=10&continuationToken={token}")).Status());
    }
}
