using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>A card not given because the record cannot establish what its advice rests on, and why.</summary>
public sealed record WithheldAdvice(CardConcern Concern, IReadOnlyList<FhirMappingProblem> Because);
