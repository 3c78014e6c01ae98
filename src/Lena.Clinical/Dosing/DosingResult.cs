using Lena.Clinical.Findings;

namespace Lena.Clinical.Dosing;

public sealed record DosingResult(DoseRecommendation Dose, IReadOnlyList<Finding> Findings);
