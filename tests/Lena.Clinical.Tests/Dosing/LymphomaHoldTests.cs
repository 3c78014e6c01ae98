using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// CLINICAL.md §4 mantleCellLymphoma, follicularLymphoma, marginalZoneLymphoma (PI): platelets &lt; 50,000; ANC &lt; 1,000 for
/// ≥ 7 days, or &lt; 1,000 with fever, or &lt; 500; all resume one step lower. Every row runs for the three lymphomas
/// at their starting dose.
/// </summary>
public class LymphomaHoldTests
{
    private static readonly (string Indication, double Start, double NextLower)[] Lymphomas =
    [
        ("mantleCellLymphoma", 25, 20),
        ("follicularLymphoma", 20, 15),
        ("marginalZoneLymphoma", 20, 15),
    ];

    /// <summary>row, indication, start dose, next lower dose, ANC, platelets, ANC &lt; 1,000 days, fever, interrupts, resumeWhen ANC, resumeWhen platelets.</summary>
    public static IEnumerable<object?[]> OnTreatment()
    {
        var rows = new (string Row, int Anc, int Platelets, int AncDays, bool Fever, bool Interrupts, int? Anc2, int? Plt2)[]
        {
            ("§4 lymphoma platelets 49,999 → interrupt, resume one step lower at ≥ 50,000", 2000, 49_999, 0, false, true, null, 50_000),
            ("§4 lymphoma platelets 50,000 → continue", 2000, 50_000, 0, false, false, null, null),
            ("§4 lymphoma ANC 999 for 7 days → interrupt, resume at ≥ 1,000", 999, 150_000, 7, false, true, 1000, null),
            ("§4 lymphoma ANC 999 for 6 days → continue", 999, 150_000, 6, false, false, null, null),
            ("§4 lymphoma ANC 1,000 for 7 days → continue", 1000, 150_000, 7, false, false, null, null),
            ("§4 lymphoma ANC 999 with fever ≥ 38.5 °C → interrupt", 999, 150_000, 0, true, true, 1000, null),
            ("§4 lymphoma ANC 1,000 with fever → continue", 1000, 150_000, 0, true, false, null, null),
            ("§4 lymphoma ANC 499 → interrupt, resume at ≥ 1,000", 499, 150_000, 0, false, true, 1000, null),
            ("§4 lymphoma ANC 500, no fever, 0 days → continue", 500, 150_000, 0, false, false, null, null),
        };
        return Lymphomas.SelectMany(l => rows.Select(r => new object?[]
        {
            $"{r.Row} ({l.Indication})", l.Indication, l.Start, l.NextLower, r.Anc, r.Platelets, r.AncDays, r.Fever, r.Interrupts, r.Anc2, r.Plt2,
        }));
    }

    [Theory]
    [MemberData(nameof(OnTreatment))]
    public void InterruptsOnTheLymphomaThresholdsAndResumesOneStepLower(string row, string indication, double startMg, double nextLowerMg, int anc, int platelets, int ancBelow1000ForDays, bool fever, bool interrupts, int? ancAtLeast, int? plateletsAtLeast)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.OnTreatment(indication, startMg)
            .Labs(anc, platelets)
            .Therapy("ancBelow1000ForDays", ancBelow1000ForDays)
            .Therapy("fever38_5C", fever));

        if (interrupts)
        {
            DoseAssert.Interrupts(answer, row, nextLowerMg, ancAtLeast, plateletsAtLeast);
            Assert.Equal(-1, answer.DoseLevel);
        }
        else
        {
            DoseAssert.Continues(answer, row, startMg);
        }
    }

    /// <summary>row, indication, start dose, next lower, cause, ANC, platelets, action.</summary>
    public static IEnumerable<object?[]> WhileInterrupted()
    {
        var rows = new (string Row, string Cause, int Anc, int Platelets, string Action)[]
        {
            ("§4 lymphoma held for neutropenia: ANC 1,000 → resume one step lower", "neutropenia", 1000, 150_000, "resume"),
            ("§4 lymphoma held for neutropenia: ANC 999 → stay on hold", "neutropenia", 999, 150_000, "interrupt"),
            ("§4 lymphoma held for thrombocytopenia: platelets 50,000 → resume one step lower", "thrombocytopenia", 2000, 50_000, "resume"),
            ("§4 lymphoma held for thrombocytopenia: platelets 49,999 → stay on hold", "thrombocytopenia", 2000, 49_999, "interrupt"),
        };
        return Lymphomas.SelectMany(l => rows.Select(r => new object?[]
        {
            $"{r.Row} ({l.Indication})", l.Indication, l.Start, l.NextLower, r.Cause, r.Anc, r.Platelets, r.Action,
        }));
    }

    [Theory]
    [MemberData(nameof(WhileInterrupted))]
    public void ResumesOneStepLowerOnceTheLymphomaThresholdIsMet(string row, string indication, double startMg, double nextLowerMg, string cause, int anc, int platelets, string action)
    {
        var answer = DosingAnswer.For(SnapshotBuilder.Interrupted(indication, startMg, cause).Labs(anc, platelets));

        if (action == "resume")
        {
            DoseAssert.Resumes(answer, row, nextLowerMg);
            Assert.Equal("days1To21Every28", answer.Schedule);
        }
        else
        {
            DoseAssert.Interrupts(answer, row, nextLowerMg,
                cause == "neutropenia" ? 1000 : null,
                cause == "thrombocytopenia" ? 50_000 : null);
        }
    }
}
