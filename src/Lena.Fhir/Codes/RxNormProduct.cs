namespace Lena.Fhir.Codes;

/// <summary>
/// An RxNorm concept taken from a published value set (<see cref="RxNormProducts"/>): the ingredients it contains
/// that the mapping reads, the strength of a single-ingredient tablet or capsule (from its RxNorm name), whether
/// the value set it came from is a contraceptive one, and its RxNorm name.
/// </summary>
internal sealed record RxNormProduct(IReadOnlyList<string> Ingredients, double? StrengthMg, bool Contraceptive, string Display);
