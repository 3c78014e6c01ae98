using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>The served document is valid OpenAPI 3.0.3 and describes exactly the app's HTTP functions.</summary>
public class DocumentTests
{
    [Fact]
    public void The_served_document_parses_as_OpenAPI_3_0_without_errors_or_warnings()
    {
        var result = OpenApiDocument.Parse(Encoding.UTF8.GetString(OpenApiSpec.Bytes), "json");

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
        Assert.Equal("3.0.3", OpenApiSpec.Root.GetProperty("openapi").GetString());
        Assert.Equal("/api", Assert.Single(result.Document.Servers!).Url);
    }

    [Fact]
    public void Every_http_function_is_documented_with_its_route_and_methods_and_nothing_else_is()
    {
        var functions = OpenApiSpec.HttpFunctions();
        Assert.NotEmpty(functions);
        var parsed = OpenApiDocument.Parse(Encoding.UTF8.GetString(OpenApiSpec.Bytes), "json").Document!;

        var expected = functions.SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} /{f.Route}")).Order(StringComparer.Ordinal).ToArray();
        var documented = parsed.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method.ToUpperInvariant()} {p.Key}")).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, documented);
    }

    [Fact]
    public void Each_operation_is_named_after_its_function()
    {
        foreach (var function in OpenApiSpec.HttpFunctions())
        {
            foreach (var method in function.Methods)
            {
                var operation = OpenApiSpec.Root.GetProperty("paths").GetProperty("/" + function.Route).GetProperty(method);
                Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
            }
        }
    }

    [Fact]
    public void Each_operation_states_the_security_its_authorization_level_demands()
    {
        var parsed = OpenApiDocument.Parse(Encoding.UTF8.GetString(OpenApiSpec.Bytes), "json").Document!;
        var schemes = parsed.Components!.SecuritySchemes!;
        Assert.Equal(("x-functions-key", ParameterLocation.Header), (schemes["functionKey"].Name, schemes["functionKey"].In));
        Assert.Equal(("code", ParameterLocation.Query), (schemes["functionKeyQuery"].Name, schemes["functionKeyQuery"].In));
        Assert.Equal(("x-functions-key", ParameterLocation.Header), (schemes["adminKey"].Name, schemes["adminKey"].In));
        Assert.Equal(("code", ParameterLocation.Query), (schemes["adminKeyQuery"].Name, schemes["adminKeyQuery"].In));
        string[] bearers = ["ruleAdminBearer", "signedInBearer"];
        Assert.All(schemes.Where(s => !bearers.Contains(s.Key)).Select(s => s.Value), s => Assert.Equal(SecuritySchemeType.ApiKey, s.Type));
        Assert.All(bearers, b => Assert.Equal((SecuritySchemeType.Http, "bearer", "JWT"), (schemes[b].Type, schemes[b].Scheme, schemes[b].BearerFormat)));

        foreach (var function in OpenApiSpec.HttpFunctions())
        {
            foreach (var method in function.Methods)
            {
                var raw = OpenApiSpec.Root.GetProperty("paths").GetProperty("/" + function.Route).GetProperty(method);
                Assert.True(raw.TryGetProperty("security", out _), $"{function.Name} must state its security explicitly, not inherit the document's.");

                var operation = parsed.Paths["/" + function.Route].Operations![new HttpMethod(method.ToUpperInvariant())];
                var alternatives = operation.Security!.Select(r => string.Join("+", r.Keys.Select(k => k.Reference.Id).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToArray();
                string[] expected = function switch
                {
                    // Webhook administration: the function key and a Microsoft Entra token together.
                    { RuleAdmin: true, Level: AuthorizationLevel.Function } => ["functionKey+ruleAdminBearer", "functionKeyQuery+ruleAdminBearer"],
                    // Rule administration from the workbench: anonymous at the host, the token alone.
                    { RuleAdmin: true, Level: AuthorizationLevel.Anonymous } => ["ruleAdminBearer"],
                    { RuleAdmin: true } => throw new InvalidOperationException($"{function.Name}: rule administration is documented for function-key or anonymous routes only."),
                    // What the workbench reads: a function key, or a signed-in user's token instead.
                    { KeyOrSignIn: true, Level: AuthorizationLevel.Anonymous } => ["functionKey", "functionKeyQuery", "signedInBearer"],
                    { KeyOrSignIn: true } => throw new InvalidOperationException($"{function.Name}: key-or-sign-in is checked by the app, so the route must be anonymous at the host."),
                    { Level: AuthorizationLevel.Anonymous } => [],
                    { Level: AuthorizationLevel.Function } => ["functionKey", "functionKeyQuery"],
                    { Level: AuthorizationLevel.Admin } => ["adminKey", "adminKeyQuery"],
                    _ => throw new InvalidOperationException($"{function.Name}: authorization level {function.Level} has no documented scheme yet."),
                };
                Assert.True(expected.SequenceEqual(alternatives), $"{function.Name} ({function.Level}): documented security [{string.Join(", ", alternatives)}], expected [{string.Join(", ", expected)}].");

                var statuses = raw.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
                Assert.Equal(function.Level != AuthorizationLevel.Anonymous || function.RuleAdmin || function.KeyOrSignIn, statuses.Contains("401"));
                Assert.Equal(function.RuleAdmin || function.KeyOrSignIn, statuses.Contains("403"));
            }
        }
    }

    [Fact]
    public void Every_operation_documents_its_success_and_only_real_error_codes()
    {
        string[] known = ["200", "201", "400", "401", "403", "404", "409", "412", "413", "415", "422", "428", "500", "503"];
        foreach (var (path, method, operation) in OpenApiSpec.Operations())
        {
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
            Assert.Contains(statuses, s => s is "200" or "201");
            Assert.All(statuses, s => Assert.Contains(s, known));

            // A body the app reads as JSON can be refused for its media type or size.
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.True(statuses.Contains("413") && statuses.Contains("415") && statuses.Contains("400"), $"{method} {path} reads a JSON body: document 400, 413 and 415.");
            }

            foreach (var status in statuses.Where(s => s[0] is '4' or '5' && s != "401"))
            {
                var response = OpenApiSpec.Validator.Deref(operation.GetProperty("responses").GetProperty(status));
                var media = response.GetProperty("content").EnumerateObject().Select(m => m.Name).ToArray();
                var expectedMedia = path == "/health" && status == "503" ? "application/json" : "application/problem+json";
                Assert.True(media.SequenceEqual([expectedMedia]), $"{method} {path} {status}: {string.Join(", ", media)}");
            }
        }
    }

    [Fact]
    public void The_catch_all_answers_are_documented_as_shared_responses()
    {
        var responses = OpenApiSpec.Root.GetProperty("components").GetProperty("responses");
        Assert.True(responses.GetProperty("MethodNotAllowed").GetProperty("headers").TryGetProperty("Allow", out _));
        Assert.True(responses.TryGetProperty("NotFound", out _));
        var description = OpenApiSpec.Root.GetProperty("info").GetProperty("description").GetString()!;
        Assert.Contains("405", description, StringComparison.Ordinal);
        Assert.Contains("404", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var references = new List<string>();
        Collect(OpenApiSpec.Root, references);
        Assert.NotEmpty(references);
        foreach (var reference in references.Distinct(StringComparer.Ordinal))
        {
            OpenApiSpec.Validator.Resolve(reference);
        }

        static void Collect(JsonElement node, List<string> into)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        into.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, into);
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, into);
                }
            }
        }
    }
}
