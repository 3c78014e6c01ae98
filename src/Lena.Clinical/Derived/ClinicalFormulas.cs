using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Derived;

/// <summary>The two formulas the rules depend on, in the units of the API.</summary>
public static class ClinicalFormulas
{
    /// <summary>
    /// Cockcroft–Gault creatinine clearance in mL/min with actual body weight:
    /// (140 − age) × weight ÷ (72 × SCr), × 0.85 for a female (CLINICAL.md §2).
    /// Rounded down to 0.1, so the value shown is the value banded and a border case falls in the lower band.
    /// </summary>
    public static double CockcroftGault(int ageYears, double weightKg, double serumCreatinineMgPerDl, Sex sex)
    {
        var value = (140 - ageYears) * weightKg / (72 * serumCreatinineMgPerDl);
        if (sex == Sex.Female)
        {
            value *= 0.85;
        }

        return Math.Floor(value * 10) / 10;
    }

    /// <summary>Body-mass index in kg/m², rounded to 0.1.</summary>
    public static double BodyMassIndex(double weightKg, double heightCm)
    {
        var meters = heightCm / 100;
        return Math.Round(weightKg / (meters * meters), 1, MidpointRounding.AwayFromZero);
    }
}
