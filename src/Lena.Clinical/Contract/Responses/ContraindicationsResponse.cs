using Lena.Clinical.Rules;

namespace Lena.Clinical.Contract.Responses;

public sealed record ContraindicationsResponse : EvaluationResponse
{
    public required ContraindicationStatus Status { get; init; }
}
