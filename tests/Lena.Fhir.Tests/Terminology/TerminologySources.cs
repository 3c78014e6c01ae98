using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lena.Fhir.Tests.Terminology;

/// <summary>
/// Reads eng/terminology (copied to the test output): tables.json and the saved value sets, the same way
/// eng/terminology/generate.mjs does, so the tests can check the generated tables against their sources.
/// </summary>
internal static class TerminologySources
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "terminology");

    private static readonly JsonElement Config =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "tables.json"))).RootElement.Clone();

    public sealed record Row(string Source, string Code, string Display);

    public sealed record RxNormExpectation(Row Row, string Ingredient);

    public sealed record SnomedExpectation(Row Row, string Meaning);

    /// <summary>Every (code, ingredient) a source gives: the codes whose RxNorm name holds a taken ingredient.</summary>
    public static IEnumerable<RxNormExpectation> RxNorm()
    {
        var ingredients = Config.GetProperty("rxnorm").GetProperty("ingredients").EnumerateArray()
            .Select(i => (Name: i.GetProperty("name").GetString()!, Match: new Regex(i.GetProperty("match").GetString()!, RegexOptions.IgnoreCase)))
            .ToList();
        foreach (var set in Config.GetProperty("rxnorm").GetProperty("valueSets").EnumerateArray())
        {
            var take = set.GetProperty("take").EnumerateArray().Select(t => t.GetString()!).ToHashSet();
            foreach (var row in Rows(set.GetProperty("file").GetString()!, "http://www.nlm.nih.gov/research/umls/rxnorm"))
            {
                foreach (var ingredient in ingredients.Where(i => take.Contains(i.Name) && i.Match.IsMatch(row.Display)))
                {
                    yield return new RxNormExpectation(row, ingredient.Name);
                }
            }
        }
    }

    /// <summary>Every (concept, meaning) a source gives, after the filters and exclusions of tables.json.</summary>
    public static IEnumerable<SnomedExpectation> Snomed()
    {
        foreach (var set in Config.GetProperty("snomed").EnumerateArray())
        {
            var filter = set.TryGetProperty("displayMatch", out var match) ? new Regex(match.GetString()!, RegexOptions.IgnoreCase) : null;
            var excluded = set.TryGetProperty("exclude", out var exclude) ? exclude.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
            foreach (var row in Rows(set.GetProperty("file").GetString()!, "http://snomed.info/sct"))
            {
                if (!excluded.Contains(row.Code) && (filter is null || filter.IsMatch(row.Display)))
                {
                    yield return new SnomedExpectation(row, set.GetProperty("meaning").GetString()!);
                }
            }
        }
    }

    private static List<Row> Rows(string file, string system)
    {
        var text = File.ReadAllText(Path.Combine(Folder, "sources", file));
        if (file.EndsWith(".fsh", StringComparison.Ordinal))
        {
            return Regex.Matches(text, """^\*\s+\$RXN(?:ORM)?#(\d+)\s+"([^"]*)" """.TrimEnd(), RegexOptions.Multiline)
                .Select(m => new Row(file, m.Groups[1].Value, m.Groups[2].Value))
                .ToList();
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("expansion").GetProperty("contains").EnumerateArray()
            .Where(c => c.GetProperty("system").GetString() == system)
            .Select(c => new Row(file, c.GetProperty("code").GetString()!, c.TryGetProperty("display", out var d) ? d.GetString() ?? string.Empty : string.Empty))
            .ToList();
    }
}
