using System.Text;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Tests.Rules;

/// <summary>The validator refuses every broken variant of the default rule set, naming where it is broken.</summary>
public class RuleSetValidatorTests
{
    private static RuleSet Default => RuleSetDocument.Default;

    private static RuleSet WithIndication(RuleSet rules, Indication indication, Func<IndicationRules, IndicationRules> change) =>
        rules with { Indications = rules.Indications.Select(i => i.Indication == indication ? change(i) : i).ToList() };

    private static RuleSet WithBand(RuleSet rules, string band, double? max) => rules with
    {
        RenalBands = rules.RenalBands with
        {
            Ranges = rules.RenalBands.Ranges.Select(r => r.Band == band ? r with { MaxMlPerMin = max } : r).ToList(),
        },
    };

    private static IReadOnlyDictionary<string, string[]> Problems(RuleSet rules) => RuleSetValidator.Validate(rules).ToDictionary();

    private static string ProblemAt(RuleSet rules, string path)
    {
        var problems = Problems(rules);
        Assert.True(problems.ContainsKey(path), $"No problem at '{path}'; got {string.Join(" | ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"))}");
        return string.Join(" ", problems[path]);
    }

    [Fact]
    public void The_default_rule_set_has_no_problems()
    {
        Assert.Empty(Problems(Default));
    }

    [Fact]
    public void A_ladder_that_does_not_descend_is_reported_at_the_offending_step()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Ladder = i.Ladder with { Steps = [i.Ladder.Steps[0], i.Ladder.Steps[2], i.Ladder.Steps[1], .. i.Ladder.Steps.Skip(3)] },
        });

        Assert.Contains("must descend", ProblemAt(broken, "indications[multipleMyeloma].ladder.steps[2]"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ladder_with_a_repeated_dose_on_the_same_schedule_does_not_descend()
    {
        var broken = WithIndication(Default, Indication.MdsDel5q, i => i with
        {
            Ladder = i.Ladder with { Steps = [i.Ladder.Steps[0], i.Ladder.Steps[1], i.Ladder.Steps[1], i.Ladder.Steps[2]] },
        });

        Assert.Contains("must descend", ProblemAt(broken, "indications[mdsDel5q].ladder.steps[2]"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_maintenance_ladder_may_repeat_5_mg_going_from_continuous_to_days_1_to_21()
    {
        var maintenance = Default.For(Indication.MultipleMyelomaMaintenance);

        Assert.Equal([15, 10, 5, 5], maintenance.Ladder.Steps.Select(s => s.DoseMg));
        Assert.DoesNotContain(Problems(Default).Keys, k => k.StartsWith("indications[multipleMyelomaMaintenance]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_between_renal_bands_is_reported()
    {
        var broken = WithBand(Default, "crClBelow30", 25);

        Assert.Contains("gap", ProblemAt(broken, "renalBands.ranges"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlap_between_renal_bands_is_reported()
    {
        var broken = WithBand(Default, "crClBelow30", 35);

        Assert.Contains("overlap", ProblemAt(broken, "renalBands.ranges"), StringComparison.Ordinal);
    }

    [Fact]
    public void Renal_bands_that_do_not_start_at_zero_leave_low_clearances_without_a_band()
    {
        var broken = Default with
        {
            RenalBands = Default.RenalBands with
            {
                Ranges = Default.RenalBands.Ranges.Select(r => r.Band == "crClBelow30" ? r with { MinMlPerMin = 5 } : r).ToList(),
            },
        };

        Assert.Contains("start at 0", ProblemAt(broken, "renalBands.ranges"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_template_without_a_citation_is_reported()
    {
        var first = Default.Contraindications[0];
        var broken = Default with
        {
            Contraindications = [first with { Finding = first.Finding with { Citations = [] } }, .. Default.Contraindications.Skip(1)],
        };

        Assert.Contains("at least one source", ProblemAt(broken, "contraindications[0].finding.citations"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_rule_without_a_citation_is_reported()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Holds = [i.Holds[0] with { Citations = [] }, .. i.Holds.Skip(1)],
        });

        Assert.Contains("at least one source", ProblemAt(broken, "indications[multipleMyeloma].holds[0].citations"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_hold_and_a_vte_finding_without_citations_are_reported()
    {
        var broken = Default with
        {
            CommonHolds = [Default.CommonHolds[0] with { Citations = [] }, .. Default.CommonHolds.Skip(1)],
            Vte = Default.Vte with { WarfarinInrMonitoring = Default.Vte.WarfarinInrMonitoring with { Citations = [] } },
        };

        var problems = Problems(broken);
        Assert.Contains("commonHolds[0].citations", problems.Keys);
        Assert.Contains("vte.warfarinInrMonitoring.citations", problems.Keys);
    }

    [Fact]
    public void A_citation_with_an_empty_source_is_reported()
    {
        var series = Default.Monitoring.Series[0];
        var broken = Default with
        {
            Monitoring = Default.Monitoring with
            {
                Series = [series with { Citations = [new Findings.Citation(" ")] }, .. Default.Monitoring.Series.Skip(1)],
            },
        };

        Assert.Contains("must not be empty", ProblemAt(broken, "monitoring.series[0].citations[0].source"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_indication_is_reported()
    {
        var broken = Default with { Indications = Default.Indications.Where(i => i.Indication != Indication.Cll).ToList() };

        Assert.Contains("no rules for cll", ProblemAt(broken, "indications"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_indication_is_reported()
    {
        var broken = Default with { Indications = [.. Default.Indications, Default.For(Indication.MultipleMyeloma)] };

        Assert.Contains("2 entries for multipleMyeloma", ProblemAt(broken, "indications"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_resume_dose_that_is_not_on_the_ladder_is_reported()
    {
        var broken = WithIndication(Default, Indication.MdsDel5q, i => i with
        {
            Holds = i.Holds.Select(h => h.ResumeDose == ResumeDoseRule.Fixed ? h with { ResumeDoseMg = 7.5 } : h).ToList(),
        });

        var index = Default.For(Indication.MdsDel5q).Holds.ToList().FindIndex(h => h.ResumeDose == ResumeDoseRule.Fixed);
        Assert.Contains("step of the ladder", ProblemAt(broken, $"indications[mdsDel5q].holds[{index}].resumeDoseMg"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_resume_dose_without_a_dose_is_reported()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Holds = [i.Holds[0] with { ResumeDose = ResumeDoseRule.Fixed, ResumeDoseMg = null }, .. i.Holds.Skip(1)],
        });

        Assert.Contains("indications[multipleMyeloma].holds[0].resumeDoseMg", Problems(broken).Keys);
    }

    [Fact]
    public void A_renal_dose_above_the_starting_dose_is_reported()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Renal = [i.Renal[0] with { Dose = i.Renal[0].Dose! with { DoseMg = 30 } }, .. i.Renal.Skip(1)],
        });

        Assert.Contains("never raises the dose", ProblemAt(broken, "indications[multipleMyeloma].renal[0].dose.doseMg"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_renal_band_without_a_rule_is_reported()
    {
        var broken = WithIndication(Default, Indication.Cll, i => i with { Renal = i.Renal.Where(r => r.Band != "dialysis").ToList() });

        Assert.Contains("band dialysis", ProblemAt(broken, "indications[cll].renal"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_that_resumes_below_its_own_threshold_is_reported()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Holds = [i.Holds[0] with { ResumeAtLeastPerMicroliter = 10_000 }, .. i.Holds.Skip(1)],
        });

        Assert.Contains("indications[multipleMyeloma].holds[0].resumeAtLeastPerMicroliter", Problems(broken).Keys);
    }

    [Fact]
    public void Every_problem_of_a_rule_set_is_listed_at_once()
    {
        var broken = WithIndication(WithBand(Default, "crClBelow30", 25), Indication.MultipleMyeloma, i => i with
        {
            Ladder = i.Ladder with { Steps = [.. i.Ladder.Steps.Reverse()] },
            Holds = [i.Holds[0] with { Citations = [] }, .. i.Holds.Skip(1)],
            Renal = [i.Renal[0] with { Dose = i.Renal[0].Dose! with { DoseMg = 30 } }, .. i.Renal.Skip(1)],
        });
        broken = broken with
        {
            Version = "not a version!",
            Indications = broken.Indications.Where(i => i.Indication != Indication.Cll).ToList(),
        };

        var problems = Problems(broken);

        Assert.Contains("version", problems.Keys);
        Assert.Contains("renalBands.ranges", problems.Keys);
        Assert.Contains("indications", problems.Keys);
        Assert.Contains("indications[multipleMyeloma].ladder.steps[1]", problems.Keys);
        Assert.Contains("indications[multipleMyeloma].holds[0].citations", problems.Keys);
        Assert.Contains("indications[multipleMyeloma].renal[0].dose.doseMg", problems.Keys);
        Assert.True(problems.Count >= 6);
    }

    // Documents --------------------------------------------------------------------------------

    [Fact]
    public void An_exported_default_rule_set_parses_back_to_the_same_content_hash()
    {
        var exported = RuleSetDocument.Serialize(Default);

        var parsed = RuleSetDocument.Parse(exported);

        Assert.True(parsed.IsValid, string.Join(" | ", parsed.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(RuleSetDocument.ContentHash(Default), RuleSetDocument.ContentHash(parsed.RuleSet!));
        Assert.Equal(exported, RuleSetDocument.Serialize(parsed.RuleSet!));
    }

    [Fact]
    public void A_changed_rule_set_has_a_different_content_hash()
    {
        var changed = Default with { Version = "2026.12.2" };

        Assert.NotEqual(RuleSetDocument.ContentHash(Default), RuleSetDocument.ContentHash(changed));
        Assert.Matches("^[0-9a-f]{64}$", RuleSetDocument.ContentHash(Default));
    }

    [Fact]
    public void Parsing_an_exported_broken_rule_set_reports_the_validator_problems()
    {
        var broken = WithIndication(Default, Indication.MultipleMyeloma, i => i with
        {
            Renal = [i.Renal[0] with { Dose = i.Renal[0].Dose! with { DoseMg = 30 } }, .. i.Renal.Skip(1)],
        });

        var parsed = RuleSetDocument.Parse(RuleSetDocument.Serialize(broken));

        Assert.False(parsed.IsValid);
        Assert.Null(parsed.RuleSet);
        Assert.True(parsed.Errors.Has("indications[multipleMyeloma].renal[0].dose.doseMg"));
    }

    [Fact]
    public void Parsing_a_rule_set_with_an_unknown_property_names_it()
    {
        var json = Encoding.UTF8.GetString(RuleSetDocument.Serialize(Default));
        var withTypo = "{\"versoin\": \"x\"," + json.TrimStart()[1..];

        var parsed = RuleSetDocument.Parse(Encoding.UTF8.GetBytes(withTypo));

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors.ToDictionary(), e => e.Value.Any(m => m.Contains("versoin", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parsing_a_rule_set_that_is_not_json_is_a_problem_not_an_exception()
    {
        var parsed = RuleSetDocument.Parse(Encoding.UTF8.GetBytes("{ not json"));

        Assert.False(parsed.IsValid);
        Assert.False(parsed.Errors.IsEmpty);
    }

    [Fact]
    public void An_absolute_contraindication_must_have_the_contraindicated_status_and_the_reverse()
    {
        var notAbsolute = Default with { Contraindications = [Default.Contraindications[0] with { Absolute = false }, .. Default.Contraindications.Skip(1)] };
        var absoluteCaution = Default with { Contraindications = [.. Default.Contraindications.Take(5), Default.Contraindications[5] with { Absolute = true }, .. Default.Contraindications.Skip(6)] };

        Assert.Contains("exactly when status is contraindicated", ProblemAt(notAbsolute, "contraindications[0].absolute"), StringComparison.Ordinal);
        Assert.Contains("exactly when status is contraindicated", ProblemAt(absoluteCaution, "contraindications[5].absolute"), StringComparison.Ordinal);
    }

    [Fact]
    public void Count_age_rules_must_cover_every_indication_status_and_day()
    {
        var gap = Default with { CountAge = Default.CountAge.Where(r => r.Id != "myeloma-monthly").ToList() };

        Assert.Contains("multipleMyeloma onTreatment on day 84", ProblemAt(gap, "countAge"), StringComparison.Ordinal);
        Assert.Contains("must name", ProblemAt(Default with { CountAge = [] }, "countAge"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_count_age_rule_is_cited_and_sane()
    {
        var broken = Default with { CountAge = [Default.CountAge[0] with { Citations = [], GraceDays = 30, IntervalDays = 7 }, .. Default.CountAge.Skip(1)] };

        Assert.Contains("no citation", ProblemAt(broken, "countAge[0].citations"), StringComparison.Ordinal);
        Assert.Contains("between 0 and the interval", ProblemAt(broken, "countAge[0].graceDays"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_pharmacist_check_rule_is_cited()
    {
        var checks = Default.SafetyChecks;
        var uncited = Default with
        {
            SafetyChecks = checks with
            {
                Hepatotoxicity = checks.Hepatotoxicity with { Finding = checks.Hepatotoxicity.Finding with { Citations = [] }, TestsDue = checks.Hepatotoxicity.TestsDue with { Citations = [] } },
                EsaHemoglobin = checks.EsaHemoglobin with { Finding = checks.EsaHemoglobin.Finding with { Citations = [] } },
                PregnancyTestRequired = checks.PregnancyTestRequired with { Citations = [] },
            },
        };
        var noCycleCitation = WithIndication(Default, Indication.FollicularLymphoma, i => i with { MaximumCycles = i.MaximumCycles! with { Finding = i.MaximumCycles.Finding with { Citations = [] } } });

        foreach (var path in new[] { "safetyChecks.hepatotoxicity.finding.citations", "safetyChecks.hepatotoxicity.testsDue.citations", "safetyChecks.esaHemoglobin.finding.citations", "safetyChecks.pregnancyTestRequired.citations" })
        {
            Assert.Contains("no citation", ProblemAt(uncited, path), StringComparison.Ordinal);
        }

        Assert.Contains("no citation", ProblemAt(noCycleCitation, "indications[follicularLymphoma].maximumCycles.finding.citations"), StringComparison.Ordinal);
    }
}
