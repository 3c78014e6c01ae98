using Lena.LocalHost.Http;

namespace Lena.LocalHost.Tests.Http;

public class RoutePrefixTests
{
    [Theory]
    [InlineData("/api/health", "health")]
    [InlineData("/API/rules/versions", "rules/versions")]
    [InlineData("/api", "")]
    [InlineData("/api/", "")]
    public void StripsThePrefix(string path, string expected) => Assert.Equal(expected, new RoutePrefix("api").Strip(path));

    [Theory]
    [InlineData("/health")]
    [InlineData("/apis/health")]
    [InlineData("/admin/functions/X")]
    public void PathsOutsideThePrefixHaveNoRoute(string path) => Assert.Null(new RoutePrefix("api").Strip(path));

    [Fact]
    public void AnEmptyPrefixServesFromTheRoot() => Assert.Equal("health", new RoutePrefix("").Strip("/health"));

    [Fact]
    public void PublicPathJoinsPrefixAndTemplate() => Assert.Equal("/api/rules/{version}", new RoutePrefix("api").PathOf(RouteTemplate.Parse("rules/{version}")));
}
