using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Feedback;

/// <summary>The feedback items of a request, or every problem with it by JSON path (for an RFC 9457 <c>errors</c> map).</summary>
public sealed record CdsFeedbackParseResult(IReadOnlyList<CdsFeedbackItem>? Items, ValidationErrors Errors)
{
    public bool IsValid => Items is not null && Errors.IsEmpty;

    public ProblemDetails ToProblem() => ProblemDetails.Validation(Errors);
}
