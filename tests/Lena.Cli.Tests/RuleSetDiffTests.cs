using System.Text.Json.Nodes;
using Lena.Clinical.Rules;

namespace Lena.Cli.Tests;

/// <summary><see cref="RuleSetDiff"/> on small documents.</summary>
public class RuleSetDiffTests
{
    private static IReadOnlyList<string> Diff(string left, string right) =>
        RuleSetDiff.Compare(JsonNode.Parse(left), JsonNode.Parse(right));

    [Fact]
    public void ElementsAreMatchedByIdNotPosition()
    {
        var lines = Diff(
            """{"holds":[{"id":"a","below":1},{"id":"b","below":2}]}""",
            """{"holds":[{"id":"b","below":3},{"id":"a","below":1}]}""");

        Assert.Equal(["~ $.holds[b].below: 2 -> 3"], lines);
    }

    [Fact]
    public void ARepeatedIdentityDoesNotHideAChange()
    {
        var lines = Diff(
            """{"holds":[{"id":"a","below":1},{"id":"a","below":2}]}""",
            """{"holds":[{"id":"a","below":5},{"id":"a","below":2}]}""");

        // Keyed by identity alone, the second element overwrote the first and this read "no differences".
        Assert.Equal(["~ $.holds[a].below: 1 -> 5"], lines);
    }

    [Fact]
    public void AnAddedDuplicateIsReportedAsAdded()
    {
        var lines = Diff(
            """{"holds":[{"id":"a","below":1}]}""",
            """{"holds":[{"id":"a","below":1},{"id":"a","below":1}]}""");

        Assert.Equal(["+ $.holds[a#2].below: 1", "+ $.holds[a#2].id: \"a\""], lines);
    }

    [Fact]
    public void ListsOfPlainValuesCompareAsOneValue()
    {
        var lines = Diff("""{"days":[1,8,15]}""", """{"days":[1,15]}""");

        Assert.Equal(["~ $.days: [1,8,15] -> [1,15]"], lines);
    }
}
