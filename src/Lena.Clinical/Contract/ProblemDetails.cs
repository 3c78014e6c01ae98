using System.Text.Json.Serialization;

namespace Lena.Clinical.Contract;

/// <summary>An RFC 9457 problem, with <c>errors</c> mapping a JSON path to what is wrong there.</summary>
public sealed record ProblemDetails
{
    public const string MediaType = "application/problem+json";

    public required string Type { get; init; }
    public required string Title { get; init; }
    public required int Status { get; init; }
    public required string Detail { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static ProblemDetails Validation(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new ProblemDetails
        {
            Type = ProblemTypes.Validation,
            Title = "The request is not valid.",
            Status = 400,
            Detail = errors.Count == 1
                ? "One field needs fixing; see errors."
                : $"{errors.Count} fields need fixing; see errors.",
            Errors = errors.ToDictionary(),
        };
    }
}

/// <summary>Stable problem type identifiers; integrators branch on these, never on titles.</summary>
public static class ProblemTypes
{
    public const string Validation = "https://lenafunctions.dev/problems/validation";
    public const string InvalidRuleSet = "https://lenafunctions.dev/problems/invalid-rule-set";
}
