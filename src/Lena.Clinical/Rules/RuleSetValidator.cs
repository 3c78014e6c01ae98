using System.Text.RegularExpressions;
using Lena.Clinical.Contract;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>
/// Refuses a rule set that breaks an invariant the evaluators rely on, listing every problem:
/// a ladder that is not descending, a gap or overlap in renal bands, a rule without a citation,
/// an indication missing or repeated.
/// </summary>
public static partial class RuleSetValidator
{
    public static ValidationErrors Validate(RuleSet rules)
    {
        var errors = new ValidationErrors();
        Validate(rules, errors);
        return errors;
    }

    internal static void Validate(RuleSet rules, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!RuleSetVersions.IsValid(rules.Version))
        {
            errors.Add("version", RuleSetVersions.Requirement);
        }

        var bands = ValidateRenalBands(rules.RenalBands, errors);
        ValidateIndications(rules, bands, errors);
        ValidateHolds("commonHolds", rules.CommonHolds, null, errors);
        Cited("otherToxicity.citations", rules.OtherToxicity.Citations, errors);
        Template("growthFactorSupport", rules.GrowthFactorSupport, errors);
        Template("floorReached", rules.FloorReached, errors);
        ValidateMonitoring(rules.Monitoring, errors);
        ValidateVte(rules.Vte, errors);
        for (var i = 0; i < rules.Contraindications.Count; i++)
        {
            var rule = rules.Contraindications[i];
            Template($"contraindications[{i}].finding", rule.Finding, errors);
            if (rule.Absolute != (rule.Status == ContraindicationStatus.Contraindicated))
            {
                // The dose gate reads `absolute`, the status reads `status`: they must agree or routes would contradict.
                errors.Add($"contraindications[{i}].absolute", "must be true exactly when status is contraindicated: an absolute contraindication gives no dose on any route.");
            }

            if (rule.Absolute && rule.Finding.Severity != Severity.Critical)
            {
                errors.Add($"contraindications[{i}].finding.severity", "must be critical for an absolute contraindication.");
            }
        }

        CountAgeValidation.Validate(rules, errors);
        Template("safetyChecks.hepatotoxicity.finding", rules.SafetyChecks.Hepatotoxicity.Finding, errors);
        Template("safetyChecks.hepatotoxicity.testsDue", rules.SafetyChecks.Hepatotoxicity.TestsDue, errors);
        Template("safetyChecks.esaHemoglobin.finding", rules.SafetyChecks.EsaHemoglobin.Finding, errors);
        Template("safetyChecks.pregnancyTestRequired", rules.SafetyChecks.PregnancyTestRequired, errors);
        var hepatotoxicity = rules.SafetyChecks.Hepatotoxicity;
        if (new[] { hepatotoxicity.AltTimesUpperLimitAbove, hepatotoxicity.AstTimesUpperLimitAbove, hepatotoxicity.BilirubinTimesUpperLimitAbove }.Any(v => v is < 0.5 or > 20))
        {
            errors.Add("safetyChecks.hepatotoxicity", "thresholds are multiples of the upper limit of normal between 0.5 and 20.");
        }

        if (rules.SafetyChecks.EsaHemoglobin.AboveGPerDl is < 8 or > 16)
        {
            errors.Add("safetyChecks.esaHemoglobin.aboveGPerDl", "must be a haemoglobin between 8 and 16 g/dL.");
        }

        for (var i = 0; i < rules.PostTreatmentDuties.Count; i++)
        {
            var duty = rules.PostTreatmentDuties[i];
            Cited($"postTreatmentDuties[{i}].citations", duty.Citations, errors);
            if (duty.DaysAfterLastDose <= 0)
            {
                errors.Add($"postTreatmentDuties[{i}].daysAfterLastDose", "must be a positive number of days.");
            }

            if (!CodePattern().IsMatch(duty.Test))
            {
                errors.Add($"postTreatmentDuties[{i}].test", "must be a camelCase identifier.");
            }
        }
    }

    private static List<string> ValidateRenalBands(RenalBandDefinitions bands, ValidationErrors errors)
    {
        Cited("renalBands.citations", bands.Citations, errors);
        var ordered = bands.Ranges.OrderBy(r => r.MinMlPerMin).ToList();
        if (ordered.Count == 0 || ordered[0].MinMlPerMin != 0)
        {
            errors.Add("renalBands.ranges", "must start at 0 mL/min: every creatinine clearance needs a band.");
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            var band = ordered[i];
            if (band.MaxMlPerMin is { } max && max <= band.MinMlPerMin)
            {
                errors.Add($"renalBands.ranges[{band.Band}]", $"is empty: its upper bound {max} is not above its lower bound {band.MinMlPerMin}.");
            }

            if (i + 1 < ordered.Count)
            {
                var next = ordered[i + 1];
                if (band.MaxMlPerMin is null || band.MaxMlPerMin < next.MinMlPerMin)
                {
                    errors.Add("renalBands.ranges", $"has a gap or overlap between {band.Band} (up to {band.MaxMlPerMin?.ToString() ?? "no limit"}) and {next.Band} (from {next.MinMlPerMin}).");
                }
                else if (band.MaxMlPerMin > next.MinMlPerMin)
                {
                    errors.Add("renalBands.ranges", $"{band.Band} and {next.Band} overlap from {next.MinMlPerMin} to {band.MaxMlPerMin} mL/min.");
                }
            }
            else if (band.MaxMlPerMin is not null)
            {
                errors.Add("renalBands.ranges", $"the highest band {band.Band} must have no upper bound, or clearances above {band.MaxMlPerMin} mL/min have no band.");
            }
        }

        if (bands.Ranges.Count(r => r.Unadjusted) != 1)
        {
            errors.Add("renalBands.ranges", "exactly one band must be marked unadjusted (the band with no renal dose change).");
        }

        var names = bands.Ranges.Select(r => r.Band).Append(bands.DialysisBand).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            errors.Add("renalBands", "band names must be unique, the dialysis band included.");
        }

        return bands.Ranges.Where(r => !r.Unadjusted).Select(r => r.Band).Append(bands.DialysisBand).ToList();
    }

    private static void ValidateIndications(RuleSet rules, List<string> adjustedBands, ValidationErrors errors)
    {
        foreach (var indication in Enum.GetValues<Indication>())
        {
            var count = rules.Indications.Count(i => i.Indication == indication);
            if (count != 1)
            {
                errors.Add("indications", count == 0
                    ? $"has no rules for {LenaJson.WireName(indication)}; every indication of the API needs them."
                    : $"has {count} entries for {LenaJson.WireName(indication)}; exactly one is allowed.");
            }
        }

        foreach (var rules1 in rules.Indications)
        {
            var path = $"indications[{LenaJson.WireName(rules1.Indication)}]";
            ValidateIndication(path, rules1, adjustedBands, errors);
        }
    }

    private static void ValidateIndication(string path, IndicationRules indication, List<string> adjustedBands, ValidationErrors errors)
    {
        if (indication.MaximumCycles is { } maximum)
        {
            Template($"{path}.maximumCycles.finding", maximum.Finding, errors);
            if (maximum.Cycles < 1)
            {
                errors.Add($"{path}.maximumCycles.cycles", "must be at least 1.");
            }
        }

        Cited($"{path}.startingDose.citations", indication.StartingDose.Citations, errors);
        Cited($"{path}.ladder.citations", indication.Ladder.Citations, errors);
        var steps = indication.Ladder.Steps;
        if (steps.Count == 0)
        {
            errors.Add($"{path}.ladder.steps", "must have at least one step.");
            return;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].DoseMg <= 0)
            {
                errors.Add($"{path}.ladder.steps[{i}]", "doseMg must be above 0.");
            }

            if (i == 0)
            {
                continue;
            }

            var (higher, lower) = (steps[i - 1], steps[i]);
            var lowerIntensity = lower.DoseMg < higher.DoseMg
                || (lower.DoseMg.Equals(higher.DoseMg)
                    && (higher.Schedule ?? indication.StartingDose.Schedule) == DoseSchedule.Continuous
                    && (lower.Schedule ?? indication.StartingDose.Schedule) == DoseSchedule.Days1To21Every28);
            if (!lowerIntensity)
            {
                errors.Add($"{path}.ladder.steps[{i}]", $"is not below the step before it ({higher.DoseMg} mg): a ladder must descend.");
            }
        }

        if (!steps.Any(s => s.DoseMg.Equals(indication.StartingDose.DoseMg)))
        {
            errors.Add($"{path}.startingDose.doseMg", $"{indication.StartingDose.DoseMg} mg is not a step of the ladder.");
        }

        if (!steps.Any(s => s.DoseMg.Equals(indication.Ladder.FloorMg)))
        {
            errors.Add($"{path}.ladder.floorMg", $"{indication.Ladder.FloorMg} mg is not a step of the ladder.");
        }

        foreach (var band in adjustedBands)
        {
            var cells = indication.Renal.Where(r => r.Band == band).ToList();
            if (cells.Count != 1)
            {
                errors.Add($"{path}.renal", $"needs exactly one rule for band {band}, has {cells.Count}.");
            }
        }

        for (var i = 0; i < indication.Renal.Count; i++)
        {
            var cell = indication.Renal[i];
            var cellPath = $"{path}.renal[{i}]";
            Cited($"{cellPath}.citations", cell.Citations, errors);
            if (!adjustedBands.Contains(cell.Band))
            {
                errors.Add($"{cellPath}.band", $"\"{cell.Band}\" is not an adjusted renal band ({string.Join(", ", adjustedBands)}).");
            }

            if ((cell.Dose is null) == !cell.NotRecommended)
            {
                errors.Add(cellPath, "must give either a dose or notRecommended: true, not both and not neither.");
            }

            if (cell.Dose is { } dose && dose.DoseMg > indication.StartingDose.DoseMg)
            {
                errors.Add($"{cellPath}.dose.doseMg", $"{dose.DoseMg} mg is above the starting dose {indication.StartingDose.DoseMg} mg: a renal adjustment never raises the dose.");
            }

            if (cell.LadderFloorMg is { } floor && !steps.Any(s => s.DoseMg.Equals(floor)))
            {
                errors.Add($"{cellPath}.ladderFloorMg", $"{floor} mg is not a step of the ladder.");
            }

            if (cell.FollowUpNote is { } note)
            {
                Template($"{cellPath}.followUpNote", note, errors);
            }
        }

        if (indication.StartCriteria is { } criteria)
        {
            Cited($"{path}.startCriteria.citations", criteria.Citations, errors);
        }

        if (indication.EarlyPhaseDays is <= 0)
        {
            errors.Add($"{path}.earlyPhaseDays", "must be a positive number of days.");
        }

        ValidateHolds($"{path}.holds", indication.Holds, indication, errors);
        for (var i = 0; i < indication.NotRecommended.Count; i++)
        {
            Template($"{path}.notRecommended[{i}].finding", indication.NotRecommended[i].Finding, errors);
        }

        for (var i = 0; i < indication.Notes.Count; i++)
        {
            Template($"{path}.notes[{i}].finding", indication.Notes[i].Finding, errors);
        }
    }

    private static void ValidateHolds(string path, IReadOnlyList<HoldRule> holds, IndicationRules? indication, ValidationErrors errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < holds.Count; i++)
        {
            var rule = holds[i];
            var rulePath = $"{path}[{i}]";
            if (!ids.Add(rule.Id))
            {
                errors.Add($"{rulePath}.id", $"\"{rule.Id}\" is used twice.");
            }

            Cited($"{rulePath}.citations", rule.Citations, errors);
            if (rule.Triggers.Count == 0)
            {
                errors.Add($"{rulePath}.triggers", "must have at least one trigger.");
            }

            for (var t = 0; t < rule.Triggers.Count; t++)
            {
                var trigger = rule.Triggers[t];
                if (trigger.BelowPerMicroliter is null && trigger.AtMostFractionOfBaseline is null)
                {
                    errors.Add($"{rulePath}.triggers[{t}]", "needs belowPerMicroliter or atMostFractionOfBaseline.");
                }

                if (trigger.AtMostFractionOfBaseline is { } fraction && fraction is <= 0 or > 1)
                {
                    errors.Add($"{rulePath}.triggers[{t}].atMostFractionOfBaseline", "must be above 0 and at most 1.");
                }

                if ((trigger.SustainedDaysAtLeast is null) != (trigger.DurationCounter is null))
                {
                    errors.Add($"{rulePath}.triggers[{t}]", "sustainedDaysAtLeast and durationCounter go together.");
                }

                // Conditional triggers (fever, transfusions, duration) may hold above the resume count by design.
                var unconditional = !trigger.WithFever && !trigger.WithTransfusionDependence && trigger.SustainedDaysAtLeast is null;
                if (unconditional && trigger.BelowPerMicroliter is { } below && below > rule.ResumeAtLeastPerMicroliter)
                {
                    errors.Add($"{rulePath}.resumeAtLeastPerMicroliter", $"{rule.ResumeAtLeastPerMicroliter} is below the hold threshold {below}: a patient could resume while still meeting the hold.");
                }
            }

            if (rule.BaselineAtLeastPerMicroliter >= rule.BaselineBelowPerMicroliter)
            {
                errors.Add(rulePath, "baselineAtLeastPerMicroliter must be below baselineBelowPerMicroliter.");
            }

            if (rule.Phase != HoldPhase.Any && indication?.EarlyPhaseDays is null)
            {
                errors.Add($"{rulePath}.phase", "an early/later phase needs earlyPhaseDays on the indication.");
            }

            if (rule.ResumeDose == ResumeDoseRule.Fixed
                && (rule.ResumeDoseMg is not { } fixedMg || (indication is not null && !indication.Ladder.Steps.Any(s => s.DoseMg.Equals(fixedMg)))))
            {
                errors.Add($"{rulePath}.resumeDoseMg", "a fixed resume dose must name a step of the ladder.");
            }
        }
    }

    private static void ValidateMonitoring(MonitoringRules monitoring, ValidationErrors errors)
    {
        if (monitoring.DefaultHorizonDays <= 0 || monitoring.DefaultHorizonDays > monitoring.MaxHorizonDays)
        {
            errors.Add("monitoring.defaultHorizonDays", "must be positive and at most maxHorizonDays.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < monitoring.Series.Count; i++)
        {
            var series = monitoring.Series[i];
            var path = $"monitoring.series[{i}]";
            if (!ids.Add(series.Id))
            {
                errors.Add($"{path}.id", $"\"{series.Id}\" is used twice.");
            }

            Cited($"{path}.citations", series.Citations, errors);
            var repeating = series.FromDay is not null && series.EveryDays is not null;
            if (series.Days.Count == 0 && !repeating)
            {
                errors.Add(path, "needs days, or fromDay with everyDays.");
            }

            if (series.EveryDays is <= 0)
            {
                errors.Add($"{path}.everyDays", "must be a positive number of days.");
            }

            if (series.WindowDaysBefore < 0 || series.WindowDaysAfter < 0)
            {
                errors.Add($"{path}.windowDaysBefore", "result windows are whole days, never negative.");
            }

            if (series.ToDay < series.FromDay)
            {
                errors.Add($"{path}.toDay", "must not be before fromDay.");
            }
        }
    }

    private static void ValidateVte(VteRules vte, ValidationErrors errors)
    {
        Template("vte.aspirin.finding", vte.Aspirin.Finding, errors);
        Template("vte.lmwhOrWarfarin.finding", vte.LmwhOrWarfarin.Finding, errors);
        Template("vte.lmwhRenalCaution.finding", vte.LmwhRenalCaution.Finding, errors);
        Template("vte.lmwhSevereRenalAdjustment.finding", vte.LmwhSevereRenalAdjustment.Finding, errors);
        Template("vte.lowPlatelets.finding", vte.LowPlatelets.Finding, errors);
        Template("vte.existingAnticoagulation", vte.ExistingAnticoagulation, errors);
        Template("vte.warfarinInrMonitoring", vte.WarfarinInrMonitoring, errors);
        if (vte.Aspirin.MinDoseMg <= 0 || vte.Aspirin.MinDoseMg > vte.Aspirin.MaxDoseMg)
        {
            errors.Add("vte.aspirin", "minDoseMg must be positive and at most maxDoseMg.");
        }

        if (vte.LmwhOrWarfarin.WarfarinInrMin >= vte.LmwhOrWarfarin.WarfarinInrMax)
        {
            errors.Add("vte.lmwhOrWarfarin", "warfarinInrMin must be below warfarinInrMax.");
        }

        var groups = new[] { vte.IndividualFactors, vte.MyelomaFactors, vte.TherapyFactors };
        var all = groups.SelectMany(g => g).ToList();
        if (all.Distinct().Count() != all.Count)
        {
            errors.Add("vte", "a risk factor may stand in only one of individualFactors, myelomaFactors and therapyFactors.");
        }

        if (vte.LmwhWhenIndividualFactorsAtLeast < 1)
        {
            errors.Add("vte.lmwhWhenIndividualFactorsAtLeast", "must be at least 1.");
        }
    }

    private static void Template(string path, FindingTemplate template, ValidationErrors errors)
    {
        if (!CodePattern().IsMatch(template.Code))
        {
            errors.Add($"{path}.code", "must be a camelCase identifier (letters and digits, starting lower-case).");
        }

        if (string.IsNullOrWhiteSpace(template.Message))
        {
            errors.Add($"{path}.message", "must not be empty.");
        }

        Cited($"{path}.citations", template.Citations, errors);
    }

    private static void Cited(string path, IReadOnlyList<Citation> citations, ValidationErrors errors)
    {
        if (citations.Count == 0)
        {
            errors.Add(path, "must name at least one source: no citation, no finding.");
        }

        for (var i = 0; i < citations.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(citations[i].Source))
            {
                errors.Add($"{path}[{i}].source", "must not be empty.");
            }
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
