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

    /// <summary>How many fields have a problem; <see cref="Errors"/> lists at most <see cref="ValidationErrors.MaxListed"/> of them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ErrorCount { get; init; }

    public static ProblemDetails Of(int status, string type, string title, string detail) =>
        new() { Type = type, Title = title, Status = status, Detail = detail };

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
                : errors.IsTruncated
                    ? $"{errors.Count} fields need fixing; errors lists the first {ValidationErrors.MaxListed}."
                    : $"{errors.Count} fields need fixing; see errors.",
            Errors = errors.ToDictionary(),
            ErrorCount = errors.Count,
        };
    }
}

/// <summary>Stable problem type identifiers; integrators branch on these, never on titles.</summary>
public static class ProblemTypes
{
    private const string Base = "https://lenafunctions.dev/problems/";
    public const string Validation = Base + "validation";
    public const string InvalidRuleSet = Base + "invalid-rule-set";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string RulesUnavailable = Base + "rules-unavailable";
    public const string StorageUnavailable = Base + "storage-unavailable";
    public const string Internal = Base + "internal-error";
    public const string Unauthorized = Base + "unauthorized";
    public const string CdsClientUnverifiable = Base + "cds-client-unverifiable";
    public const string Forbidden = Base + "forbidden";
    public const string RuleAdminUnverifiable = Base + "rule-admin-unverifiable";
}
