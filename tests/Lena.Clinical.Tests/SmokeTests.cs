using Lena.Clinical.Rules;

namespace Lena.Clinical.Tests;

public class DefaultRuleSetTests
{
    [Fact]
    public void TheEmbeddedRuleSetLoadsAndIsValid()
    {
        var rules = RuleSetDocument.Default;

        Assert.Equal("2026.12.1", rules.Version);
        Assert.True(RuleSetValidator.Validate(rules).IsEmpty);
    }
}
