using System.Text;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using LenaFunctions.Functions.Rules;
using LenaFunctions.Tests.Rules;
using LenaFunctions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LenaFunctions.Tests.Http;

/// <summary>
/// What every JSON route refuses before parsing, as a precise 400: bytes that are not UTF-8, a
/// property sent twice, JSON that does not parse; and how large a list of errors may get.
/// </summary>
public class BodyScreenTests
{
    private static readonly Concern[] ClinicalRoutes = Enum.GetValues<Concern>();

    public static TheoryData<string> Concerns() => new(ClinicalRoutes.Select(c => c.ToString()));

    private static byte[] SampleWithPatientIdBytes(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(Snapshots.Sample());
        var at = text.IndexOf("\"pt-", StringComparison.Ordinal) + 1;
        var bytes = Encoding.UTF8.GetBytes(text);
        return [.. bytes[..at], .. raw, .. bytes[at..]];
    }

    [Theory]
    [MemberData(nameof(Concerns))]
    public async Task A_snapshot_with_invalid_UTF8_in_a_string_is_a_400_not_a_500(string concern)
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Enum.Parse<Concern>(concern), SampleWithPatientIdBytes([0xFF, 0xFE]));

        Assert.Equal(400, response.Status());
        Assert.Contains("UTF-8", Assert.Single(response.Errors()["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_with_invalid_UTF8_is_a_400()
    {
        using var app = TestApp.Seeded();
        var body = Encoding.UTF8.GetBytes(RuleRequests.PublishBody(RuleRequests.RuleSetJson(RuleRequests.Next)).ToJsonString());
        var at = Array.IndexOf(body, (byte)'p');
        body[at] = 0xC3; // a lead byte without its continuation

        var response = await new PublishRuleVersion(app.Store, app.RuleAdmin, NullLogger<PublishRuleVersion>.Instance).Run(TestHttpRequestData.Json("POST", "rules/versions", body).WithHeader("Authorization", EntraTestTenant.Bearer()), CancellationToken.None);

        Assert.Equal(400, response.Status());
        Assert.Contains("$", response.Errors().Keys);
    }

    [Fact]
    public async Task A_property_sent_twice_is_named_by_its_path()
    {
        using var app = TestApp.Seeded();
        var text = Encoding.UTF8.GetString(Snapshots.Sample());
        var labs = text.IndexOf("\"labs\"", StringComparison.Ordinal);
        var open = text.IndexOf('{', labs) + 1;
        var doubled = text[..open] + "\"plateletsPerMicroliter\": 1," + text[open..];

        var response = await app.PostClinicalAsync(Concern.Dosing, Encoding.UTF8.GetBytes(doubled));

        Assert.Equal(400, response.Status());
        var message = Assert.Single(response.Errors()["labs.plateletsPerMicroliter"]);
        Assert.Contains("more than once", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", response.BodyText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":[{\"b\":1,\"b\":2}]}", "a[0].b")]
    [InlineData("[{},{\"x\":{\"y\":1,\"y\":1}}]", "[1].x.y")]
    public async Task A_property_sent_twice_inside_arrays_is_named_by_its_path(string body, string path)
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Dosing, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, response.Status());
        Assert.Contains("more than once", Assert.Single(response.Errors()[path]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1", "$")]
    [InlineData("{\"labs\":{\"takenOn\":}", "labs.takenOn")]
    [InlineData("[1,2,", "[1]")]
    [InlineData("{\"labs\":{\"takenOn\":\"2026-11-01\" \"x\":1}}", "labs.takenOn")]
    [InlineData("", "$")]
    [InlineData("{\"a\":[{\"b\":[1,{\"c\":}]}]}", "a[0].b[1].c")]
    [InlineData("{\"a\":[[1],[2,]]}", "a[1][0]")]
    public async Task JSON_that_does_not_parse_is_a_400_naming_where_without_parser_positions(string body, string path)
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Dosing, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, response.Status());
        Assert.Contains(path, response.Errors().Keys);
        Assert.DoesNotContain("BytePosition", response.BodyText(), StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", response.BodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_three_thousand_unknown_keys_give_one_small_400_before_any_parsing()
    {
        using var app = TestApp.Seeded();
        var body = WithUnknownKeys(23_000);
        Assert.True(body.Length < 256 * 1024, $"{body.Length} bytes");

        var response = await app.PostClinicalAsync(Concern.Assessment, body);

        Assert.Equal(400, response.Status());
        Assert.Contains("at most 1000", Assert.Single(response.Errors()["$"]), StringComparison.Ordinal);
        Assert.True(response.BodyText().Length < 1024, $"{response.BodyText().Length} characters");
    }

    [Fact]
    public async Task Hundreds_of_unknown_keys_list_fifty_errors_and_count_them_all()
    {
        using var app = TestApp.Seeded();

        var response = await app.PostClinicalAsync(Concern.Assessment, WithUnknownKeys(900));

        Assert.Equal(400, response.Status());
        Assert.Equal(ValidationErrors.MaxListed, response.Errors().Count);
        Assert.Equal(900, response.Json().GetProperty("errorCount").GetInt32());
        Assert.True(response.BodyText().Length < 16 * 1024, $"{response.BodyText().Length} characters");
    }

    private static byte[] WithUnknownKeys(int count)
    {
        var snapshot = JsonNode.Parse(Snapshots.Sample())!.AsObject();
        for (var i = 0; i < count; i++)
        {
            snapshot["k" + i] = 1;
        }

        return Encoding.UTF8.GetBytes(snapshot.ToJsonString());
    }
}
