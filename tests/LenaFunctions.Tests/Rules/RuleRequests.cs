using System.Text;
using System.Text.Json.Nodes;
using Lena.Clinical.Rules;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Rules;

/// <summary>Bodies for the admin rule functions.</summary>
internal static class RuleRequests
{
    public const string NextVersion = "2027.01.1";

    public static RuleSet Next => RuleSetDocument.Default with { Version = NextVersion, Description = "December release." };

    public static JsonObject RuleSetJson(RuleSet rules) => JsonNode.Parse(RuleSetDocument.Serialize(rules))!.AsObject();

    public static JsonObject PublishBody(JsonNode? ruleSet, string? author = "pharmacist-17", string? reason = "Quarterly review.") =>
        new()
        {
            ["author"] = author,
            ["reason"] = reason,
            ["basedOn"] = RuleSetDocument.Default.Version,
            ["ruleSet"] = ruleSet,
        };

    public static TestHttpRequestData Publish(JsonObject body) =>
        TestHttpRequestData.Json("POST", "rules/versions", Encoding.UTF8.GetBytes(body.ToJsonString()));

    public static TestHttpRequestData Activate(string version, string? ifMatch, string actor = "pharmacist-17", string reason = "Go live.")
    {
        var body = new JsonObject { ["version"] = version, ["actor"] = actor, ["reason"] = reason };
        var request = TestHttpRequestData.Json("PUT", "rules/active", Encoding.UTF8.GetBytes(body.ToJsonString()));
        return ifMatch is null ? request : request.WithHeader("If-Match", ifMatch);
    }
}
