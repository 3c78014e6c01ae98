using Lena.Clinical.Findings;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Contraindications;

public sealed record ContraindicationResult(ContraindicationStatus Status, IReadOnlyList<Finding> Findings);
