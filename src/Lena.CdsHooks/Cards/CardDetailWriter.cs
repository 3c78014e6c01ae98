using System.Globalization;
using System.Text;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Fhir;

namespace Lena.CdsHooks.Cards;

/// <summary>
/// The Markdown of a card's detail: the advice, the inputs it was computed from (value, date,
/// FHIR resource), the derived creatinine clearance, each rule applied with its citations, and
/// the rule-set version. Everything from FHIR or rule data is escaped.
/// </summary>
public sealed class CardDetailWriter
{
    private readonly StringBuilder _text = new();

    public CardDetailWriter Paragraph(string markdown)
    {
        _text.Append(markdown).Append("\n\n");
        return this;
    }

    public CardDetailWriter Inputs(IEnumerable<UsedFhirValue> used)
    {
        var rows = used.ToList();
        if (rows.Count == 0)
        {
            return this;
        }

        _text.Append("**Inputs used**\n\n| Input | Value | As recorded | Date | From |\n|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            var recorded = row.SourceValue is null ? string.Empty : $"{row.SourceValue} {row.SourceUnit}".Trim();
            var from = row.Code is null ? row.Resource : $"{row.Resource} ({row.Code})";
            _text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(row.Field)} | {MarkdownText.Escape(row.Value)} | {MarkdownText.Escape(recorded)} | {row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"} | {MarkdownText.Escape(from)} |\n");
        }

        _text.Append('\n');
        return this;
    }

    public CardDetailWriter Renal(DerivedValues derived)
    {
        ArgumentNullException.ThrowIfNull(derived);
        if (derived.CreatinineClearanceMlPerMin is not { } crcl)
        {
            return this;
        }

        var how = derived.CreatinineClearanceSource == CreatinineClearanceSource.CockcroftGault
            ? "Cockcroft–Gault from serum creatinine, age, weight and sex above"
            : "as reported";
        var band = derived.RenalBand is null ? string.Empty : $"; renal band **{MarkdownText.Escape(derived.RenalBand)}**";
        _text.Append(CultureInfo.InvariantCulture, $"**Creatinine clearance:** {crcl:0.#} mL/min ({how}){band}.\n\n");
        return this;
    }

    public CardDetailWriter Findings(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        _text.Append("**Rules applied**\n\n");
        foreach (var finding in list)
        {
            var citations = string.Join("; ", finding.Citations.Select(c => c.Section is null ? c.Source : $"{c.Source}, {c.Section}"));
            _text.Append(CultureInfo.InvariantCulture, $"- `{finding.Code}` ({finding.Severity.ToString().ToLowerInvariant()}): {MarkdownText.Escape(finding.Message)} — *{MarkdownText.Escape(citations)}*\n");
        }

        _text.Append('\n');
        return this;
    }

    public CardDetailWriter NotAssessed(IEnumerable<FhirMappingProblem> problems)
    {
        var list = problems.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        _text.Append("**Not taken from the record**\n\n");
        foreach (var problem in list)
        {
            _text.Append(CultureInfo.InvariantCulture, $"- {MarkdownText.Escape(problem.Field)}: {MarkdownText.Escape(problem.Message)}\n");
        }

        _text.Append('\n');
        return this;
    }

    public CardDetailWriter RuleSet(string version)
    {
        _text.Append(CultureInfo.InvariantCulture, $"Rule set {MarkdownText.Escape(version)}.");
        return this;
    }

    public override string ToString() => _text.ToString().TrimEnd();
}
