using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Mapping;

namespace Lena.Fhir;

/// <summary>Recognises lenalidomide orders by RxNorm, and names the capsule product of a given strength.</summary>
public static class LenalidomideOrders
{
    /// <summary>Whether <paramref name="request"/> orders lenalidomide (ingredient, brand or capsule code, directly or through its Medication).</summary>
    public static bool IsLenalidomide(MedicationRequest request, FhirPatientRecord record)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(record);
        return MedicationMapper.RxNormCodesOf(new MappingContext(record, null, default), request).Any(RxNormCodes.Lenalidomide.ContainsKey);
    }

    /// <summary>The capsule strength (mg) <paramref name="rxNormCode"/> stands for, or null for ingredient, brand, form and unknown codes.</summary>
    public static double? CapsuleStrengthMg(string rxNormCode) => RxNormCodes.Lenalidomide.GetValueOrDefault(rxNormCode);

    /// <summary>Whether the code is a Revlimid (branded) product.</summary>
    public static bool IsBrand(string rxNormCode) => RxNormCodes.LenalidomideBrandProducts.Contains(rxNormCode);

    /// <summary>The RxNorm code of the generic (or Revlimid) capsule of <paramref name="strengthMg"/>, or null when no capsule has that strength.</summary>
    public static string? CapsuleCode(double strengthMg, bool brand) =>
        RxNormCodes.Lenalidomide
            .Where(entry => entry.Value is { } mg && Math.Abs(mg - strengthMg) < 1e-9 && RxNormCodes.LenalidomideBrandProducts.Contains(entry.Key) == brand)
            .Select(entry => entry.Key)
            .FirstOrDefault();
}
