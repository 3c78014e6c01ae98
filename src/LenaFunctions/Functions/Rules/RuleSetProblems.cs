using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace LenaFunctions.Functions.Rules;

/// <summary>A rule set that does not validate, as the 400 that publishing and the what-if both answer: every problem under <c>ruleSet</c>.</summary>
public static class RuleSetProblems
{
    public static ProblemDetails Invalid(RuleSetParseResult parsed, string consequence)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var errors = new ValidationErrors();
        foreach (var (path, messages) in parsed.Errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(path == "$" ? "ruleSet" : "ruleSet." + path.TrimStart('$', '.'), message);
            }
        }

        return new ProblemDetails
        {
            Type = ProblemTypes.InvalidRuleSet,
            Title = "The rule set is not valid.",
            Status = 400,
            Detail = $"{errors.Count} problem(s) found; {consequence}",
            Errors = errors.ToDictionary(),
            ErrorCount = errors.Count,
        };
    }
}
