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

    /// <summary>A publish request signed in as a pharmacist with the Rules.Publish app role, unless <paramref name="authorization"/> says otherwise (null: no header).</summary>
    public static TestHttpRequestData Publish(JsonObject body, string? authorization = "") =>
        SignedIn(TestHttpRequestData.Json("POST", "rules/versions", Encoding.UTF8.GetBytes(body.ToJsonString())), authorization);

    public static TestHttpRequestData Activate(string version, string? ifMatch, string actor = "pharmacist-17", string reason = "Go live.", string? authorization = "")
    {
        var body = new JsonObject { ["version"] = version, ["actor"] = actor, ["reason"] = reason };
        var request = SignedIn(TestHttpRequestData.Json("PUT", "rules/active", Encoding.UTF8.GetBytes(body.ToJsonString())), authorization);
        return ifMatch is null ? request : request.WithHeader("If-Match", ifMatch);
    }

    /// <summary>"" adds a valid Entra token; null adds none; anything else is sent as the Authorization header.</summary>
    private static TestHttpRequestData SignedIn(TestHttpRequestData request, string? authorization) => authorization switch
    {
        null => request,
        "" => request.WithHeader("Authorization", EntraTestTenant.Bearer()),
        _ => request.WithHeader("Authorization", authorization),
    };
}
