using System.Reflection;
using System.Text.Json;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>One example in the document, with the schema it must satisfy and where it stands.</summary>
/// <param name="Id">A readable location, e.g. <c>POST /dosing 200 application/json neutropeniaHold</c>.</param>
/// <param name="Path">The documented path, or null for examples outside operations.</param>
/// <param name="Status">The response status, or null for request bodies, parameters and schema examples.</param>
/// <param name="Name">The example's name in its <c>examples</c> map (null for a single <c>example</c>).</param>
/// <param name="InvalidRequest">True for a refused request (the <c>x-request</c> of a 400 example): it must break its schema.</param>
public sealed record ExampleCase(string Id, string? Path, string? Method, string? Status, string? MediaType, string? Name, JsonElement Schema, JsonElement Value, bool InvalidRequest = false);

/// <summary>One HTTP function of the app, read from its attributes.</summary>
/// <param name="RuleAdmin">The function also requires a Microsoft Entra token with the Rules.Publish app role (<c>[RequiresRuleAdmin]</c>).</param>
/// <param name="KeyOrSignIn">Anonymous at the host, the function takes a function key or a signed-in user's Entra token (<c>[RequiresKeyOrSignIn]</c>).</param>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel Level, bool RuleAdmin = false, bool KeyOrSignIn = false);

/// <summary>
/// The OpenAPI document with every example inline (the embedded resource of the function app, compact) and what
/// the tests read from it. The app serves it with its largest examples by reference (<c>ServedOpenApi</c>,
/// checked in ServedDocumentTests); every example is validated here, where it stands inline.
/// </summary>
public static class OpenApiSpec
{
    public const string Today = "2026-11-26";
    public static readonly DateOnly TodayDate = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Lazy<JsonDocument> LazyDocument = new(() => JsonDocument.Parse(Functions.Api.OpenApiDocument.SourceBytes));
    private static readonly Lazy<IReadOnlyList<ExampleCase>> LazyExamples = new(CollectExamples);

    public static byte[] Bytes => Functions.Api.OpenApiDocument.SourceBytes;

    public static JsonElement Root => LazyDocument.Value.RootElement;

    public static JsonSchemaValidator Validator { get; } = new(Root);

    public static IReadOnlyList<ExampleCase> Examples => LazyExamples.Value;

    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every documented operation: (path, lower-case method, operation object).</summary>
    public static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations()
    {
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            foreach (var member in path.Value.EnumerateObject().Where(m => HttpMethods.Contains(m.Name)))
            {
                yield return (path.Name, member.Name, member.Value);
            }
        }
    }

    /// <summary>The app's HTTP functions, less catch-all routes OpenAPI cannot express: the <c>{*path}</c> fallback and the workbench page's files (<c>workbench/{*asset}</c>, not an API).</summary>
    public static IReadOnlyList<HttpFunction> HttpFunctions() =>
        typeof(Functions.Api.Fallback).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null), RuleAdmin: m.GetCustomAttribute<LenaFunctions.Security.RequiresRuleAdminAttribute>() is not null, KeyOrSignIn: m.GetCustomAttribute<LenaFunctions.Security.RequiresKeyOrSignInAttribute>() is not null))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Where(f => f.Trigger!.Route is not { } route || !route.Contains("{*", StringComparison.Ordinal))
            .Select(f => new HttpFunction(f.Function!.Name, f.Trigger!.Route ?? f.Function.Name, DocumentedMethods(f.Trigger.Methods), f.Trigger.AuthLevel, f.RuleAdmin, f.KeyOrSignIn))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The methods an operation is documented for: HEAD beside GET is implied (API.md "Contract
    /// additions": every GET route also answers HEAD), as OPTIONS is, so it is not an operation of its own.
    /// </summary>
    private static string[] DocumentedMethods(string[]? methods)
    {
        var lower = methods?.Select(x => x.ToLowerInvariant()).ToArray() ?? [];
        return lower.Contains("get") ? [.. lower.Where(m => m != "head")] : lower;
    }

    /// <summary>The concern a clinical operation evaluates, by operationId (the function name); null for other operations.</summary>
    public static Concern? ConcernOf(JsonElement operation) =>
        operation.TryGetProperty("operationId", out var id) && Enum.TryParse<Concern>(id.GetString(), out var concern) ? concern : null;

    public static ExampleCase Example(string id) => Examples.Single(e => e.Id == id);

    private static List<ExampleCase> CollectExamples()
    {
        var validator = Validator;
        var cases = new List<ExampleCase>();
        foreach (var (path, method, operation) in Operations())
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            if (operation.TryGetProperty("parameters", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateArray().Select(validator.Deref))
                {
                    AddParameter(cases, $"{where} parameter {parameter.GetProperty("name").GetString()}", path, method, parameter, validator);
                }
            }

            JsonElement? requestBody = null;
            if (operation.TryGetProperty("requestBody", out var body))
            {
                requestBody = validator.Deref(body);
                AddContent(cases, $"{where} request", path, method, null, requestBody.Value, validator);
            }

            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                AddContent(cases, $"{where} {response.Name}", path, method, response.Name, validator.Deref(response.Value), validator);
                if (response.Name == "400" && requestBody is { } request)
                {
                    AddRefusedRequests(cases, $"{where} request", path, method, request, validator.Deref(response.Value), validator);
                }
            }
        }

        // Shared responses are reached through references above; list them once more on their own so
        // that one not referenced by any operation is still checked.
        var components = Root.GetProperty("components");
        if (components.TryGetProperty("responses", out var responses))
        {
            foreach (var response in responses.EnumerateObject())
            {
                AddContent(cases, $"components.responses.{response.Name}", null, null, null, response.Value, validator);
            }
        }

        CollectSchemaExamples(cases, components.GetProperty("schemas"), "components.schemas");
        return cases;
    }

    private static void AddParameter(List<ExampleCase> cases, string where, string path, string method, JsonElement parameter, JsonSchemaValidator validator)
    {
        var schema = parameter.GetProperty("schema");
        if (parameter.TryGetProperty("example", out var example))
        {
            cases.Add(new ExampleCase(where, path, method, null, null, null, schema, example));
        }

        if (parameter.TryGetProperty("examples", out var examples))
        {
            foreach (var named in examples.EnumerateObject())
            {
                cases.Add(new ExampleCase($"{where} {named.Name}", path, method, null, null, named.Name, schema, validator.Deref(named.Value).GetProperty("value")));
            }
        }
    }

    private static void AddContent(List<ExampleCase> cases, string where, string? path, string? method, string? status, JsonElement holder, JsonSchemaValidator validator)
    {
        if (!holder.TryGetProperty("content", out var content))
        {
            return;
        }

        foreach (var media in content.EnumerateObject())
        {
            var schema = media.Value.GetProperty("schema");
            if (media.Value.TryGetProperty("example", out var example))
            {
                cases.Add(new ExampleCase($"{where} {media.Name}", path, method, status, media.Name, null, schema, example));
            }

            if (media.Value.TryGetProperty("examples", out var examples))
            {
                foreach (var named in examples.EnumerateObject())
                {
                    var exampleObject = validator.Deref(named.Value);
                    var invalid = exampleObject.TryGetProperty("x-invalid-request", out var flag) && flag.ValueKind == JsonValueKind.True;
                    if (invalid && status is not null)
                    {
                        throw new InvalidOperationException($"{where} {named.Name}: x-invalid-request marks request examples only.");
                    }

                    cases.Add(new ExampleCase($"{where} {media.Name} {named.Name}", path, method, status, media.Name, named.Name, schema, exampleObject.GetProperty("value"), invalid));
                }
            }
        }
    }

    /// <summary>
    /// A deliberately invalid request stands in its 400 example as <c>x-request</c> (linters validate request
    /// examples against the schema, so it cannot be one): it is the request example of that name, marked invalid.
    /// </summary>
    private static void AddRefusedRequests(List<ExampleCase> cases, string where, string path, string method, JsonElement requestBody, JsonElement badRequest, JsonSchemaValidator validator)
    {
        if (!badRequest.TryGetProperty("content", out var content))
        {
            return;
        }

        var (mediaType, media) = requestBody.GetProperty("content").EnumerateObject().Select(m => (m.Name, m.Value)).First();
        foreach (var named in content.EnumerateObject().Where(m => m.Value.TryGetProperty("examples", out _)).SelectMany(m => m.Value.GetProperty("examples").EnumerateObject()))
        {
            if (validator.Deref(named.Value).TryGetProperty("x-request", out var request))
            {
                cases.Add(new ExampleCase($"{where} {mediaType} {named.Name}", path, method, null, mediaType, named.Name, media.GetProperty("schema"), request, InvalidRequest: true));
            }
        }
    }

    /// <summary>Schema-level <c>example</c> values, checked against the schema that carries them.</summary>
    private static void CollectSchemaExamples(List<ExampleCase> cases, JsonElement node, string where)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("example", out var example) && (node.TryGetProperty("type", out _) || node.TryGetProperty("$ref", out _)))
            {
                cases.Add(new ExampleCase($"{where} example", null, null, null, null, null, node, example));
            }

            foreach (var property in node.EnumerateObject().Where(p => p.Name != "example"))
            {
                CollectSchemaExamples(cases, property.Value, $"{where}.{property.Name}");
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                CollectSchemaExamples(cases, item, $"{where}[{i++}]");
            }
        }
    }
}
