using Lena.Clinical.Dosing;

namespace Lena.Clinical.Contract.Responses;

public sealed record DosingResponse : EvaluationResponse
{
    public required DoseRecommendation Dose { get; init; }
}
