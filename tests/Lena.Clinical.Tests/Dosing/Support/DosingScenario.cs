using FsCheck;
using FsCheck.Fluent;

namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>
/// A random but valid dosing request: any indication, status, dose of its ladder or renal table, counts around
/// and away from every threshold, any renal function. <see cref="Generator"/> produces them for property tests.
/// </summary>
internal sealed record DosingScenario(
    string Indication,
    bool Female,
    int AgeYears,
    double WeightKg,
    string RenalKind,
    double RenalValue,
    string Status,
    double CurrentDoseMg,
    string CurrentSchedule,
    int DaysOnTherapy,
    string InterruptedFor,
    int Anc,
    int Platelets,
    int BaselineAnc,
    int BaselinePlatelets,
    int PreviousNeutropeniaInterruptions,
    int AncBelow500ForDays,
    int AncBelow1000ForDays,
    bool Fever,
    bool TransfusionDependent,
    bool OtherToxicity,
    int MaintenanceCycles,
    bool Monosomy7)
{
    /// <summary>The counts CLINICAL.md §1 and §4 compare against, with their neighbours, so boundaries are hit often.</summary>
    private static readonly int[] AncEdges = [0, 50, 499, 500, 749, 750, 999, 1000, 1001, 1500, 4000];
    private static readonly int[] PlateletEdges = [0, 1000, 24_999, 25_000, 29_999, 30_000, 49_999, 50_000, 59_999, 60_000, 74_999, 75_000, 99_999, 100_000, 250_000];

    public static Gen<DosingScenario> Generator { get; } =
        from indication in Gen.Elements(DoseTable.Indications)
        from female in Gen.Elements(true, false)
        from age in Gen.Choose(18, 95)
        from weightTenths in Gen.Choose(400, 1500)
        from renalKind in Gen.Elements("crCl", "crCl", "serumCreatinine", "dialysis")
        from renalTenths in renalKind == "serumCreatinine" ? Gen.Choose(3, 80) : Gen.Choose(10, 1500)
        from status in Gen.Elements("starting", "onTreatment", "onTreatment", "interrupted")
        from dose in Gen.Elements(DoseTable.For(indication).ValidDoses)
        from schedule in Gen.Elements("continuous", "days1To21Every28")
        from days in Gen.Frequency((2, Gen.Choose(0, 27)), (1, Gen.Elements(27, 28)), (2, Gen.Choose(28, 400)))
        from cause in Gen.Elements("neutropenia", "thrombocytopenia", "otherToxicity")
        from anc in Count(AncEdges, 50, 8000)
        from platelets in Count(PlateletEdges, 1000, 400_000)
        from baselineAnc in Count(AncEdges, 50, 8000)
        from baselinePlatelets in Count(PlateletEdges, 1000, 400_000)
        from previous in Gen.Choose(0, 2)
        from ancBelow500Days in Gen.Elements(0, 3, 6, 7, 10)
        from ancBelow1000Days in Gen.Elements(0, 3, 6, 7, 10)
        from fever in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from transfused in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from toxicity in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from cycles in Gen.Choose(0, 6)
        from monosomy7 in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new DosingScenario(indication, female, age, weightTenths / 10.0, renalKind, renalTenths / 10.0, status, dose, schedule, days, cause,
            anc, platelets, baselineAnc, baselinePlatelets, previous, ancBelow500Days, ancBelow1000Days, fever, transfused, toxicity, cycles, monosomy7);

    public static Arbitrary<DosingScenario> Arbitrary { get; } = Arb.From(Generator);

    public SnapshotBuilder ToSnapshot()
    {
        var snapshot = Status switch
        {
            "starting" => SnapshotBuilder.Starting(Indication).Labs(Anc, Platelets).Baseline(BaselineAnc, BaselinePlatelets),
            "onTreatment" => SnapshotBuilder.OnTreatment(Indication, CurrentDoseMg, DaysOnTherapy),
            _ => SnapshotBuilder.Interrupted(Indication, CurrentDoseMg, InterruptedFor, DaysOnTherapy),
        };
        if (Status != "starting")
        {
            snapshot.Labs(Anc, Platelets).Baseline(BaselineAnc, BaselinePlatelets)
                .Therapy("previousNeutropeniaInterruptions", PreviousNeutropeniaInterruptions)
                .Therapy("ancBelow500ForDays", AncBelow500ForDays)
                .Therapy("ancBelow1000ForDays", AncBelow1000ForDays)
                .Therapy("fever38_5C", Fever)
                .Therapy("plateletTransfusionDependent", TransfusionDependent)
                .Therapy("otherDoseLimitingToxicity", OtherToxicity)
                .Therapy("maintenanceCyclesCompleted", MaintenanceCycles);
            if (DoseTable.For(Indication).HasTwoSteps(CurrentDoseMg))
            {
                snapshot.Schedule(CurrentSchedule);
            }
        }

        if (Female)
        {
            snapshot.Female();
        }

        snapshot.Age(AgeYears).Weight(WeightKg);
        _ = RenalKind switch
        {
            "crCl" => snapshot.CreatinineClearance(RenalValue),
            "serumCreatinine" => snapshot.SerumCreatinine(RenalValue),
            _ => snapshot.OnDialysis(),
        };
        return Monosomy7 ? snapshot.Monosomy7() : snapshot;
    }

    private static Gen<int> Count(int[] edges, int lowest, int highest) =>
        Gen.Frequency((1, Gen.Elements(edges)), (1, Gen.Choose(lowest, highest)));
}
