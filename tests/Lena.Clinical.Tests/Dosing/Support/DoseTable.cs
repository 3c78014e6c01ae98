namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>
/// CLINICAL.md §1–3 written down independently of the rule data, as the oracle for property tests:
/// each indication's starting dose, ladder, floor and renal-table doses (mg daily).
/// </summary>
internal sealed record DoseTable(string Indication, double StartingDoseMg, double[] Ladder, double FloorMg, double[] RenalDoses)
{
    private static readonly DoseTable[] All =
    [
        new("multipleMyeloma", 25, [25, 20, 15, 10, 5, 2.5], 2.5, [10, 15, 5]),
        new("multipleMyelomaMaintenance", 10, [15, 10, 5, 5], 5, [5, 2.5]),
        new("mdsDel5q", 10, [10, 5, 2.5], 2.5, [5, 2.5]),
        new("mdsNonDel5q", 10, [10, 5, 2.5], 2.5, [5, 2.5]),
        new("mantleCellLymphoma", 25, [25, 20, 15, 10, 5], 5, [10, 15, 5]),
        new("follicularLymphoma", 20, [20, 15, 10, 5, 2.5], 5, [10, 5]),
        new("marginalZoneLymphoma", 20, [20, 15, 10, 5, 2.5], 5, [10, 5]),
        new("cll", 2.5, [5, 2.5], 2.5, [2.5]),
    ];

    public static string[] Indications { get; } = All.Select(t => t.Indication).ToArray();

    /// <summary>Every dose a patient can be on: ladder steps and renal-table doses.</summary>
    public double[] ValidDoses => Ladder.Concat(RenalDoses).Distinct().ToArray();

    public double TopMg => Ladder.Max();

    public static DoseTable For(string indication) => All.Single(t => t.Indication == indication);

    public bool HasTwoSteps(double doseMg) => Ladder.Count(step => step.Equals(doseMg)) > 1;

    /// <summary>
    /// A dose below the floor is allowed only as a renal-table dose, or as FL/MZL 2.5 mg when the start was the
    /// renal 10 mg (CrCl 30–&lt;60), or when the patient already takes it.
    /// </summary>
    public bool AllowsBelowFloor(double doseMg, string? renalBand, double? currentDoseMg) =>
        RenalDoses.Contains(doseMg)
        || (Indication is "follicularLymphoma" or "marginalZoneLymphoma" && doseMg.Equals(2.5) && renalBand == "crCl30To59")
        || doseMg.Equals(currentDoseMg);
}
