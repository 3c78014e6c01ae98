using System.Text;
using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;
using Lena.CdsHooks.Requests;

namespace Lena.CdsHooks.Tests.Requests;

public class CdsHookRequestParserTests
{
    private static JsonObject Valid() => new()
    {
        ["hook"] = "order-sign",
        ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        ["context"] = new JsonObject
        {
            ["userId"] = "PractitionerRole/123",
            ["patientId"] = "1288992",
            ["encounterId"] = "89284",
            ["draftOrders"] = new JsonObject { ["resourceType"] = "Bundle", ["entry"] = new JsonArray() },
        },
        ["prefetch"] = new JsonObject { ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "1288992" }, ["allergies"] = null },
    };

    private static (CdsHookRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Parse(JsonObject body, string hook = "order-sign") =>
        Parse(body.ToJsonString(), hook);

    private static (CdsHookRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Parse(string body, string hook = "order-sign")
    {
        var (request, errors) = CdsHookRequestParser.Parse(Encoding.UTF8.GetBytes(body), hook, PrefetchTemplates.All.Keys);
        return (request, errors.ToDictionary());
    }

    [Fact]
    public void AValidOrderSignRequestParsesWithItsContextAndPrefetch()
    {
        var (request, errors) = Parse(Valid());

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal("1288992", request.Context.PatientId);
        Assert.Equal("89284", request.Context.EncounterId);
        Assert.Equal(["patient"], request.Prefetch.Keys);
    }

    [Fact]
    public void APrefetchKeySentAsNullCountsAsNotSent()
    {
        var (request, _) = Parse(Valid());

        Assert.False(request!.Prefetch.ContainsKey("allergies"));
    }

    [Theory]
    [InlineData("hook")]
    [InlineData("hookInstance")]
    [InlineData("context")]
    public void AMissingRequiredMemberIsNamed(string member)
    {
        var body = Valid();
        body.Remove(member);

        var (request, errors) = Parse(body);

        Assert.Null(request);
        Assert.Contains(member, errors.Keys);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("patientId")]
    [InlineData("draftOrders")]
    public void AMissingContextMemberIsNamed(string member)
    {
        var body = Valid();
        body["context"]!.AsObject().Remove(member);

        var (_, errors) = Parse(body);

        Assert.Contains("context." + member, errors.Keys);
    }

    [Fact]
    public void TheWrongHookForTheServiceIsRefused()
    {
        var body = Valid();
        body["hook"] = "patient-view";

        var (_, errors) = Parse(body);

        Assert.Contains("order-sign", errors["hook"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void OrderSelectNeedsSelections()
    {
        var body = Valid();
        body["hook"] = "order-select";

        var (_, errors) = Parse(body, "order-select");

        Assert.Contains("context.selections", errors.Keys);
    }

    [Fact]
    public void AMisspeltPrefetchKeyIsRefusedNotIgnored()
    {
        var body = Valid();
        body["prefetch"]!["observation"] = new JsonObject { ["resourceType"] = "Bundle" };

        var (_, errors) = Parse(body);

        Assert.Contains("prefetch.observation", errors.Keys);
    }

    [Fact]
    public void AnUnknownTopLevelMemberIsRefusedButExtensionIsAllowed()
    {
        var body = Valid();
        body["extension"] = new JsonObject { ["com.example"] = 1 };
        body["prefech"] = new JsonObject();

        var (_, errors) = Parse(body);

        Assert.Equal(["prefech"], errors.Keys);
    }

    [Fact]
    public void FhirAuthorizationWithoutFhirServerIsRefused()
    {
        var body = Valid();
        body["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = "secret-token",
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = "user/Patient.read",
            ["subject"] = "cds-service",
        };

        var (_, errors) = Parse(body);

        Assert.Contains("fhirAuthorization", errors.Keys);
    }

    [Fact]
    public void ThePlainHttpFhirServerOfAnotherHostIsRefused()
    {
        var body = Valid();
        body["fhirServer"] = "http://ehr.example.org/fhir";

        var (_, errors) = Parse(body);

        Assert.Contains("fhirServer", errors.Keys);
    }

    [Fact]
    public void TheAccessTokenNeverAppearsInErrorsOrInTheParsedRequestsText()
    {
        var body = Valid();
        body["fhirServer"] = "https://ehr.example.org/fhir";
        body["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = "secret-token-value",
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = "user/Patient.read",
            ["subject"] = "cds-service",
        };

        var (request, errors) = Parse(body);

        Assert.Empty(errors);
        Assert.DoesNotContain("secret-token-value", request!.FhirAuthorization!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NotJsonIsA400AtTheRoot()
    {
        var (_, errors) = Parse("{not json");

        Assert.Contains("$", errors.Keys);
    }
}
