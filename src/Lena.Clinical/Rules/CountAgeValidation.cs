using Lena.Clinical.Contract;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Rules;

/// <summary>
/// The count-age rules must leave no decision without a limit: every indication, every therapy status and
/// every day of therapy is covered, each rule cited, its numbers sane.
/// </summary>
internal static class CountAgeValidation
{
    public static void Validate(RuleSet rules, ValidationErrors errors)
    {
        if (rules.CountAge.Count == 0)
        {
            errors.Add("countAge", "must name the oldest counts each decision may rest on (per indication and phase).");
            return;
        }

        for (var i = 0; i < rules.CountAge.Count; i++)
        {
            var rule = rules.CountAge[i];
            var path = $"countAge[{i}]";
            if (rule.Citations.Count == 0 || rule.Citations.Any(c => string.IsNullOrWhiteSpace(c.Source)))
            {
                errors.Add($"{path}.citations", "must name at least one source: no citation, no finding.");
            }

            if (rule.IntervalDays is < 1 or > 91)
            {
                errors.Add($"{path}.intervalDays", "must be a CBC interval of 1 to 91 days.");
            }

            if (rule.GraceDays < 0 || rule.GraceDays > rule.IntervalDays)
            {
                errors.Add($"{path}.graceDays", "must be between 0 and the interval itself.");
            }

            if (rule.Statuses.Count == 0)
            {
                errors.Add($"{path}.statuses", "must name at least one therapy status.");
            }

            if (rule.ToDay <= rule.FromDay || rule.FromDay < 0)
            {
                errors.Add($"{path}.toDay", "must come after fromDay, and fromDay must not be negative.");
            }

            if (string.IsNullOrWhiteSpace(rule.Basis))
            {
                errors.Add($"{path}.basis", "must say which CBC interval the limit comes from.");
            }
        }

        // Rules are day intervals, so coverage changes only where one starts or ends: checking those days checks all.
        var boundaries = rules.CountAge.SelectMany(r => new[] { r.FromDay, r.ToDay ?? r.FromDay }).Append(0).Where(d => d >= 0).Distinct().Order().ToList();
        foreach (var indication in Enum.GetValues<Indication>())
        {
            foreach (var status in Enum.GetValues<TherapyStatus>())
            {
                var gap = boundaries.FirstOrDefault(day => rules.CountAgeFor(indication, status, day) is null, -1);
                if (gap >= 0)
                {
                    errors.Add("countAge", $"has no rule for {LenaJson.WireName(indication)} {LenaJson.WireName(status)} on day {gap} of therapy; every decision needs a limit on the age of its counts.");
                }
            }
        }
    }
}
