using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Dosing;

/// <summary>
/// Properties over random valid snapshots (every indication, status, dose, count and renal function): the invariants
/// CLINICAL.md §1–4 and API.md promise whatever the combination.
/// </summary>
public class DosingPropertyTests
{
    private const int Cases = 400;

    /// <summary>
    /// No dose is ever above what the patient may get: at the start the indication's starting dose; later the dose the
    /// patient is on (the service never escalates on its own; maintenance 15 mg and CLL 5 mg are ladder steps above the
    /// start that only a clinician chooses); never above the renal band's dose. Never below the floor except as a
    /// renal-table dose (or the FL/MZL 2.5 mg after a renal 10 mg start).
    /// </summary>
    [Property(MaxTest = Cases)]
    public Property DoseStaysBetweenTheFloorAndTheStartingOrCurrentDose() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var answer = DosingAnswer.For(scenario.ToSnapshot());
            var table = DoseTable.For(scenario.Indication);
            var given = answer.Action is "start" or "continue" or "resume" ? answer.DoseMg : answer.ResumeDoseMg;
            if (answer.Action == "notRecommended")
            {
                Assert.Null(given);
                return;
            }

            Assert.True(given is not null, $"{answer.Action} names no dose: {answer}");
            var dose = given.Value;
            var ceiling = scenario.Status == "starting" ? table.StartingDoseMg : Math.Min(scenario.CurrentDoseMg, table.TopMg);
            Assert.True(dose <= ceiling, $"{dose} mg is above {ceiling} mg for {scenario}: {answer}");
            Assert.True(table.ValidDoses.Contains(dose), $"{dose} mg is neither a ladder nor a renal-table dose: {answer}");
            Assert.True(dose >= table.FloorMg || table.AllowsBelowFloor(dose, answer.DerivedRenalBand, scenario.Status == "starting" ? null : scenario.CurrentDoseMg),
                $"{dose} mg is below the {table.FloorMg} mg floor for {scenario}: {answer}");
            Assert.True(RenalCapOf(scenario.Indication, answer.DerivedRenalBand) is not { } cap || dose <= cap,
                $"{dose} mg is above the renal dose for band {answer.DerivedRenalBand}: {answer}");
        });

    /// <summary>An interrupt or defer always names resumeWhen and resumeDoseMg, and gives no dose today.</summary>
    [Property(MaxTest = Cases)]
    public Property HoldsAlwaysNameResumeCriteriaAndResumeDose() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var answer = DosingAnswer.For(scenario.ToSnapshot());
            if (answer.Action is "interrupt" or "defer")
            {
                Assert.True(answer.HasResumeWhen, answer.ToString());
                Assert.NotNull(answer.ResumeDoseMg);
                Assert.Null(answer.DoseMg);
            }
            else
            {
                Assert.False(answer.HasResumeWhen, answer.ToString());
            }

            var allowed = scenario.Status switch
            {
                "starting" => new[] { "start", "defer", "notRecommended" },
                "onTreatment" => ["continue", "interrupt", "notRecommended"],
                _ => ["resume", "interrupt", "notRecommended"],
            };
            Assert.Contains(answer.Action, allowed);
        });

    /// <summary>Every finding cites at least one source (CLINICAL.md "Sources"; API.md envelope).</summary>
    [Property(MaxTest = Cases)]
    public Property EveryFindingCitesASource() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var answer = DosingAnswer.For(scenario.ToSnapshot());
            Assert.NotEmpty(answer.Findings);
            foreach (var finding in answer.Findings)
            {
                Assert.True(finding.CitedSources.Count > 0, $"{finding.Code} cites nothing: {answer}");
                Assert.All(finding.CitedSources, source => Assert.False(string.IsNullOrWhiteSpace(source)));
            }
        });

    /// <summary>A hold that the counts fire is always reported as a critical finding with the matching code.</summary>
    [Property(MaxTest = Cases)]
    public Property AnInterruptForCountsIsExplainedByACriticalFinding() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var answer = DosingAnswer.For(scenario.ToSnapshot());
            if (answer.Action != "interrupt" || scenario.Status != "onTreatment")
            {
                return;
            }

            var explained = answer.Findings.Any(f => f.Severity == "critical"
                && f.Code is "ancBelowHoldThreshold" or "plateletsBelowHoldThreshold" or "otherDoseLimitingToxicity");
            Assert.True(explained, answer.ToString());
        });

    /// <summary>
    /// §4 "When interrupted and every threshold is met → resume at the resume dose": a count hold's resumeWhen and
    /// resumeDoseMg are the ones the service applies once the patient, now interrupted, reaches exactly those counts.
    /// </summary>
    [Property(MaxTest = Cases)]
    public Property AnInterruptResumesAtTheAnnouncedDoseOnceTheAnnouncedCountsAreReached() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            if (scenario.Status != "onTreatment" || scenario.OtherToxicity)
            {
                return;
            }

            var held = DosingAnswer.For(scenario.ToSnapshot());
            if (held.Action != "interrupt")
            {
                return;
            }

            var recovered = scenario with
            {
                Status = "interrupted",
                InterruptedFor = held.ResumePlateletsAtLeast is not null ? "thrombocytopenia" : "neutropenia",
                Anc = held.ResumeAncAtLeast ?? 8000,
                Platelets = held.ResumePlateletsAtLeast ?? 400_000,
                Fever = false,
                AncBelow500ForDays = 0,
                AncBelow1000ForDays = 0,
                TransfusionDependent = false,
            };
            var resumed = DosingAnswer.For(recovered.ToSnapshot());

            Assert.True(resumed.Action == "resume", $"held {held}\nthen {resumed}");
            Assert.True(held.ResumeDoseMg == resumed.DoseMg, $"held {held}\nthen {resumed}");
        });

    /// <summary>The same snapshot gives the same bytes (pure function of input and date).</summary>
    [Property(MaxTest = Cases)]
    public Property IdenticalInputGivesIdenticalOutputBytes() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var request = scenario.ToSnapshot().ToBytes();
            var first = ClinicalAnswer.For(Concern.Dosing, request, RuleSetDocument.Default, SnapshotBuilder.Today);
            var second = ClinicalAnswer.For(Concern.Dosing, request.ToArray(), RuleSetDocument.Default, SnapshotBuilder.Today);

            Assert.Equal(200, first.Status);
            Assert.Equal(first.Body, second.Body);
            Assert.Equal(first.ContentType, second.ContentType);
        });

    /// <summary>CLINICAL.md §2: the renal-table dose for a band, the cap on any dose in that band.</summary>
    private static double? RenalCapOf(string indication, string? band) => (indication, band) switch
    {
        ("multipleMyeloma" or "mantleCellLymphoma", "crCl30To59") => 10,
        ("multipleMyeloma" or "mantleCellLymphoma", "crClBelow30") => 15,
        ("multipleMyeloma" or "mantleCellLymphoma", "dialysis") => 5,
        ("multipleMyelomaMaintenance", "crCl30To59") => 5,
        ("multipleMyelomaMaintenance", "crClBelow30" or "dialysis") => 2.5,
        ("mdsDel5q" or "mdsNonDel5q", "crCl30To59") => 5,
        ("mdsDel5q" or "mdsNonDel5q", "crClBelow30" or "dialysis") => 2.5,
        ("follicularLymphoma" or "marginalZoneLymphoma", "crCl30To59") => 10,
        ("follicularLymphoma" or "marginalZoneLymphoma", "crClBelow30" or "dialysis") => 5,
        ("cll", "crCl30To59") => 2.5,
        _ => null,
    };
}
