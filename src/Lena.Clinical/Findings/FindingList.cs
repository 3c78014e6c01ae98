namespace Lena.Clinical.Findings;

/// <summary>
/// Collects findings, one per code: a later finding with a code already present merges into it,
/// keeping the more severe one's level and message and every citation (the conservative combination of sources).
/// </summary>
public sealed class FindingList(FindingOrigins origin = FindingOrigins.None)
{
    private readonly List<Finding> _findings = [];

    /// <summary>Adds <paramref name="finding"/>; one without origins is stamped with this list's evaluator.</summary>
    public void Add(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Origins == FindingOrigins.None)
        {
            finding = finding with { Origins = origin };
        }

        if (finding.Citations.Count == 0)
        {
            throw new InvalidOperationException($"Finding '{finding.Code}' has no citation; every finding must cite a source.");
        }

        var index = _findings.FindIndex(f => f.Code == finding.Code);
        if (index < 0)
        {
            _findings.Add(finding);
            return;
        }

        _findings[index] = Merge(_findings[index], finding);
    }

    public void Add(string code, Severity severity, string message, IReadOnlyList<Citation> citations) =>
        Add(new Finding(code, severity, message, citations));

    public void AddRange(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var finding in findings)
        {
            Add(finding);
        }
    }

    public IReadOnlyList<Finding> ToList() => _findings.ToArray();

    public bool Contains(string code) => _findings.Exists(f => f.Code == code);

    /// <summary>Withdraws a statement a later decision contradicts (a "continue" once the counts turn out outdated).</summary>
    public void Remove(string code) => _findings.RemoveAll(f => f.Code == code);

    private static Finding Merge(Finding first, Finding second)
    {
        var worse = second.Severity > first.Severity ? second : first;
        var citations = first.Citations.Concat(second.Citations).Distinct().ToArray();
        return worse with { Citations = citations, Origins = first.Origins | second.Origins };
    }
}
