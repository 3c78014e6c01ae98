using Lena.LocalHost.Http;

namespace Lena.LocalHost.Tests.Http;

public class RouteTemplateTests
{
    [Fact]
    public void MatchesLiteralSegmentsIgnoringCaseAndTrailingSlash()
    {
        var template = RouteTemplate.Parse("rules/versions");

        Assert.NotNull(template.Match("rules/versions"));
        Assert.NotNull(template.Match("Rules/VERSIONS/"));
        Assert.Null(template.Match("rules"));
        Assert.Null(template.Match("rules/versions/extra"));
    }

    [Fact]
    public void CapturesParameterValues()
    {
        var values = RouteTemplate.Parse("courses/{courseId}/follow-ups/{followUpId}/complete").Match("courses/c-1/follow-ups/f-2/complete");

        Assert.NotNull(values);
        Assert.Equal("c-1", values["courseId"]);
        Assert.Equal("f-2", values["followUpId"]);
    }

    [Fact]
    public void CatchAllTakesTheRestOfThePathIncludingNothing()
    {
        var template = RouteTemplate.Parse("{*path}");

        Assert.Equal("a/b/c", template.Match("a/b/c")!["path"]);
        Assert.Empty(template.Match("")!);
    }

    [Fact]
    public void OptionalLastParameterMayBeLeftOut()
    {
        var template = RouteTemplate.Parse("items/{id?}");

        Assert.Equal("7", template.Match("items/7")!["id"]);
        Assert.Empty(template.Match("items")!);
    }

    [Fact]
    public void ConstraintsFilterValues()
    {
        var template = RouteTemplate.Parse("items/{id:int}");

        Assert.NotNull(template.Match("items/42"));
        Assert.Null(template.Match("items/forty-two"));
        Assert.NotNull(RouteTemplate.Parse("codes/{code:length(3)}").Match("codes/abc"));
        Assert.Null(RouteTemplate.Parse("codes/{code:length(3)}").Match("codes/abcd"));
    }

    [Fact]
    public void RefusesWhatItCannotHonour()
    {
        Assert.Throws<NotSupportedException>(() => RouteTemplate.Parse("files/{name}.{ext}"));
        Assert.Throws<NotSupportedException>(() => RouteTemplate.Parse("{*path}/more"));
        Assert.Throws<NotSupportedException>(() => RouteTemplate.Parse("items/{id:regex(^a$)}"));
    }

    [Fact]
    public void PrecedenceIsLiteralThenConstrainedThenParameterThenCatchAll()
    {
        var ordered = new[] { "{*path}", "rules/{version}", "rules/{n:int}", "rules/versions" }
            .Select(RouteTemplate.Parse)
            .Order(RouteTemplate.Precedence)
            .Select(t => t.Text);

        Assert.Equal(["rules/versions", "rules/{n:int}", "rules/{version}", "{*path}"], ordered);
    }
}
