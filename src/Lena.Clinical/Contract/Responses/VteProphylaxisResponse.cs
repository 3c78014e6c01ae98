using Lena.Clinical.Vte;

namespace Lena.Clinical.Contract.Responses;

public sealed record VteProphylaxisResponse : EvaluationResponse
{
    public required ProphylaxisAdvice Prophylaxis { get; init; }
}
