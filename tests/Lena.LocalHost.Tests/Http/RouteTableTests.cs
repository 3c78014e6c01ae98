using Lena.LocalHost.Http;

namespace Lena.LocalHost.Tests.Http;

public class RouteTableTests
{
    private static HttpRoute Route(string name, string template, params string[] methods) =>
        new(name, RouteTemplate.Parse(template), methods.Length == 0 ? null : methods.ToHashSet(StringComparer.OrdinalIgnoreCase), "Function");

    private static readonly RouteTable App = new([
        Route("Fallback", "{*path}", "GET", "POST", "PUT", "DELETE"),
        Route("GetRuleVersion", "rules/versions/{version}", "GET"),
        Route("ListRuleVersions", "rules/versions", "GET"),
        Route("PublishRuleVersion", "rules/versions", "POST"),
        Route("Dosing", "dosing", "POST"),
    ]);

    [Fact]
    public void LiteralRouteBeatsParameterAndCatchAll()
    {
        var selection = Assert.IsType<RouteSelection.Matched>(App.Select("GET", "rules/versions"));

        Assert.Equal("ListRuleVersions", selection.Route.FunctionName);
    }

    [Fact]
    public void MethodChoosesBetweenRoutesWithTheSameTemplate()
    {
        var selection = Assert.IsType<RouteSelection.Matched>(App.Select("post", "rules/versions"));

        Assert.Equal("PublishRuleVersion", selection.Route.FunctionName);
    }

    [Fact]
    public void ParameterRouteBindsItsValue()
    {
        var selection = Assert.IsType<RouteSelection.Matched>(App.Select("GET", "rules/versions/2026.12.1"));

        Assert.Equal("GetRuleVersion", selection.Route.FunctionName);
        Assert.Equal("2026.12.1", selection.Values["version"]);
    }

    [Fact]
    public void WrongMethodOnALiteralRouteGoesToTheCatchAllWhenItTakesTheMethod()
    {
        var selection = Assert.IsType<RouteSelection.Matched>(App.Select("GET", "dosing"));

        Assert.Equal("Fallback", selection.Route.FunctionName);
        Assert.Equal("dosing", selection.Values["path"]);
    }

    [Fact]
    public void WrongMethodWithoutACatchAllIsMethodNotAllowedNamingTheAllowedMethods()
    {
        var table = new RouteTable([Route("ListRuleVersions", "rules/versions", "GET"), Route("PublishRuleVersion", "rules/versions", "POST")]);

        var selection = Assert.IsType<RouteSelection.MethodNotAllowed>(table.Select("DELETE", "rules/versions"));

        Assert.Equal(["GET", "POST"], selection.Allowed);
    }

    [Fact]
    public void NoMatchingTemplateIsNotFound()
    {
        var table = new RouteTable([Route("Dosing", "dosing", "POST")]);

        Assert.IsType<RouteSelection.NotFound>(table.Select("POST", "dosage"));
    }

    [Fact]
    public void RouteWithoutMethodsTakesAnyMethod()
    {
        var table = new RouteTable([Route("Any", "anything")]);

        Assert.IsType<RouteSelection.Matched>(table.Select("PATCH", "anything"));
    }
}
