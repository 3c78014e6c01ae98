using System.Text;
using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using LenaFunctions.Functions.Courses;
using LenaFunctions.Functions.Health;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Http;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>
/// Every example in the document satisfies its schema, and the clinical ones are exactly what the
/// code answers, so the examples cannot drift from the service.
/// </summary>
public class ExampleTests
{
    public static TheoryData<string> AllExamples() => [.. OpenApiSpec.Examples.Where(e => !e.InvalidRequest).Select(e => e.Id)];

    public static TheoryData<string> InvalidRequestExamples() => [.. OpenApiSpec.Examples.Where(e => e.InvalidRequest).Select(e => e.Id)];

    public static TheoryData<string> ClinicalRequestExamples() =>
        [.. OpenApiSpec.Examples.Where(e => e.Status is null && e.MediaType is not null && e.Path is not null && IsClinical(e)).Select(e => e.Id)];

    [Fact]
    public void The_document_has_request_and_response_examples_for_every_operation_that_takes_or_returns_json()
    {
        foreach (var (path, method, operation) in OpenApiSpec.Operations())
        {
            var examples = OpenApiSpec.Examples.Where(e => e.Path == path && e.Method == method).ToArray();
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.Contains(examples, e => e.Status is null && e.MediaType is not null);
            }

            if (operation.GetProperty("operationId").GetString() != "OpenApi")
            {
                Assert.Contains(examples, e => e.Status is "200" or "201");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Example_satisfies_its_schema(string id)
    {
        var example = OpenApiSpec.Example(id);

        var errors = OpenApiSpec.Validator.Validate(example.Value, example.Schema);

        Assert.True(errors.Count == 0, $"{id}:\n{string.Join('\n', errors)}");
    }

    /// <summary>
    /// A refused request (the <c>x-request</c> of a 400 example) shows a request the app refuses: the schema must refuse it too,
    /// and only where the app does (the app's 400 names every path the schema objects to).
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidRequestExamples))]
    public void Invalid_request_example_is_refused_by_the_schema_where_the_app_refuses_it(string id)
    {
        var example = OpenApiSpec.Example(id);
        var operation = OpenApiSpec.Root.GetProperty("paths").GetProperty(example.Path!).GetProperty(example.Method!);
        var concern = OpenApiSpec.ConcernOf(operation);
        var enrollment = operation.GetProperty("operationId").GetString() == nameof(EnrollCourse);
        Assert.True(concern is not null || enrollment, $"{id}: a refused request is only checked on clinical operations and course enrollment.");

        var schemaErrors = OpenApiSpec.Validator.Validate(example.Value, example.Schema);
        var body = Encoding.UTF8.GetBytes(example.Value.GetRawText());
        var answer = concern is { } c
            ? ClinicalAnswer.For(c, body, RuleSetDocument.Default, OpenApiSpec.TodayDate)
            : ClinicalAnswer.Problem(ProblemDetails.Validation(Lena.Clinical.Courses.EnrollmentParser.Parse(body, RuleSetDocument.Default, OpenApiSpec.TodayDate).Errors));

        Assert.NotEmpty(schemaErrors);
        Assert.Equal(400, answer.Status);
        var appPaths = JsonDocument.Parse(answer.Body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();
        foreach (var error in schemaErrors)
        {
            var path = error[..error.IndexOf(": ", StringComparison.Ordinal)].TrimStart('$').TrimStart('.');
            if (System.Text.RegularExpressions.Regex.Match(error, "required property \"([^\"]+)\" is missing") is { Success: true } missing)
            {
                // A missing property is refused at the object that lacks it; the app names the property itself.
                path = path.Length == 0 ? missing.Groups[1].Value : $"{path}.{missing.Groups[1].Value}";
            }

            Assert.True(appPaths.Contains(path), $"{id}: the schema refuses {path} ({error}), the app does not ({string.Join(", ", appPaths)}).");
        }
    }

    [Theory]
    [MemberData(nameof(ClinicalRequestExamples))]
    public void Clinical_response_example_is_what_the_code_answers_for_the_request_example(string id)
    {
        var request = OpenApiSpec.Example(id);
        var operation = OpenApiSpec.Root.GetProperty("paths").GetProperty(request.Path!).GetProperty(request.Method!);
        var concern = OpenApiSpec.ConcernOf(operation)!.Value;

        var answer = ClinicalAnswer.For(concern, Encoding.UTF8.GetBytes(request.Value.GetRawText()), RuleSetDocument.Default, OpenApiSpec.TodayDate);

        var status = answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mediaType = answer.ContentType.Split(';')[0];
        var documented = OpenApiSpec.Examples.SingleOrDefault(e => e.Path == request.Path && e.Method == request.Method && e.Status == status && e.Name == request.Name);
        var actual = Encoding.UTF8.GetString(answer.Body);
        Assert.True(documented is not null, $"{id}: the code answers {status}; document this body as the {status} example \"{request.Name}\":\n{actual}");
        Assert.Equal(mediaType, documented.MediaType);
        using var actualJson = JsonDocument.Parse(answer.Body);
        Assert.True(JsonElement.DeepEquals(actualJson.RootElement, documented.Value), $"{documented.Id} differs from what the code answers (today = {OpenApiSpec.Today}, default rule set); replace it with:\n{actual}");
    }

    [Fact]
    public void Every_clinical_response_example_has_the_request_example_of_the_same_name()
    {
        var clinical = OpenApiSpec.Examples.Where(e => e.Path is not null && IsClinical(e) && e.Status is "200" or "400").ToArray();
        Assert.NotEmpty(clinical);
        foreach (var response in clinical)
        {
            Assert.True(
                OpenApiSpec.Examples.Any(e => e.Path == response.Path && e.Method == response.Method && e.Status is null && e.Name == response.Name),
                $"{response.Id} has no request example \"{response.Name}\" to check it against.");
            var description = OpenApiSpec.Validator.Deref(OpenApiSpec.Root.GetProperty("paths").GetProperty(response.Path!).GetProperty(response.Method!)
                .GetProperty("responses").GetProperty(response.Status!).GetProperty("content").GetProperty(response.MediaType!).GetProperty("examples").GetProperty(response.Name!))
                .GetProperty("description").GetString();
            Assert.Contains($"today = {OpenApiSpec.Today}", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_clinical_operation_shows_a_success_and_a_refused_request()
    {
        foreach (var (path, method, operation) in OpenApiSpec.Operations().Where(o => OpenApiSpec.ConcernOf(o.Operation) is not null))
        {
            Assert.Contains(OpenApiSpec.Examples, e => e.Path == path && e.Method == method && e.Status == "200");
            Assert.Contains(OpenApiSpec.Examples, e => e.Path == path && e.Method == method && e.Status == "400");
        }

        Assert.Equal(Enum.GetValues<Concern>().Length, OpenApiSpec.Operations().Count(o => OpenApiSpec.ConcernOf(o.Operation) is not null));
    }

    /// <summary>Non-clinical examples (rules, health, problems, courses) read into the app's own records and write back unchanged: the shapes are the code's.</summary>
    [Fact]
    public void Rule_health_and_problem_examples_round_trip_through_the_records_the_app_serializes()
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["ProblemDetails"] = typeof(ProblemDetails),
            ["HealthResponse"] = typeof(HealthResponse),
            ["ActiveRuleSetResponse"] = typeof(ActiveRuleSetResponse),
            ["RuleVersionsResponse"] = typeof(RuleVersionsResponse),
            ["RuleVersionResponse"] = typeof(RuleVersionResponse),
            ["ActivationResponse"] = typeof(ActivationResponse),
            ["RuleAuditResponse"] = typeof(RuleAuditResponse),
            ["RuleSetVersionInfo"] = typeof(RuleSetVersionInfo),
            ["PublishRuleVersionRequest"] = typeof(PublishRuleVersionRequest),
            ["ActivateRuleVersionRequest"] = typeof(ActivateRuleVersionRequest),
            ["CourseView"] = typeof(CourseView),
            ["EnrolledCourseView"] = typeof(EnrolledCourseView),
            ["FollowUpListView"] = typeof(FollowUpListView),
            ["CompletionView"] = typeof(CompletionView),
            ["StopCourseRequest"] = typeof(StopCourseRequest),
        };
        var checkedCount = 0;
        foreach (var example in OpenApiSpec.Examples.Where(e => e.MediaType is not null && e.Schema.TryGetProperty("$ref", out _)))
        {
            var name = example.Schema.GetProperty("$ref").GetString()!.Split('/')[^1];
            if (!types.TryGetValue(name, out var type))
            {
                continue;
            }

            var value = JsonSerializer.Deserialize(example.Value.GetRawText(), type, LenaJson.Options);
            var written = JsonSerializer.SerializeToElement(value, type, LenaJson.Options);
            Assert.True(JsonElement.DeepEquals(example.Value, written), $"{example.Id} does not round-trip through {type.Name}; the app would write:\n{written.GetRawText()}");
            checkedCount++;
        }

        Assert.True(checkedCount >= 20, $"only {checkedCount} examples were round-tripped");
    }

    [Fact]
    public void Rule_set_examples_are_valid_rule_sets_with_matching_content_hashes()
    {
        var ruleSets = new List<RuleSet>();
        var infos = new List<JsonElement>();
        foreach (var example in OpenApiSpec.Examples.Where(e => e.MediaType is not null && e.Value.ValueKind == JsonValueKind.Object))
        {
            if (example.Value.TryGetProperty("ruleSet", out var ruleSet))
            {
                var parsed = RuleSetDocument.Parse(Encoding.UTF8.GetBytes(ruleSet.GetRawText()));
                Assert.True(parsed.IsValid, $"{example.Id}: {string.Join("; ", parsed.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
                ruleSets.Add(parsed.RuleSet!);
            }

            if (example.Schema.TryGetProperty("$ref", out var reference) && reference.GetString()!.EndsWith("/RuleSetVersionInfo", StringComparison.Ordinal))
            {
                infos.Add(example.Value);
            }

            if (example.Value.TryGetProperty("info", out var info))
            {
                infos.Add(info);
            }

            if (example.Value.TryGetProperty("versions", out var versions))
            {
                infos.AddRange(versions.EnumerateArray());
            }
        }

        Assert.Contains(ruleSets, r => r.Version == RuleSetDocument.Default.Version);
        Assert.NotEmpty(infos);
        foreach (var info in infos)
        {
            var version = info.GetProperty("version").GetString();
            var rules = ruleSets.First(r => r.Version == version);
            Assert.Equal(RuleSetDocument.ContentHash(rules), info.GetProperty("contentHash").GetString());
            Assert.Equal(rules.Description, info.GetProperty("description").GetString());
        }
    }

    private static bool IsClinical(ExampleCase example) =>
        OpenApiSpec.ConcernOf(OpenApiSpec.Root.GetProperty("paths").GetProperty(example.Path!).GetProperty(example.Method!)) is not null;
}
