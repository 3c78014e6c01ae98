using System.Text.RegularExpressions;
using Lena.Clinical.Contract;

namespace LenaFunctions.Http;

/// <summary>
/// The last line of defence before a problem leaves the app: a .NET type name or a JSON reader's
/// position text that some parser let through is replaced by plain words. The parsers themselves
/// already speak in JSON paths; this keeps a future one from leaking internals.
/// </summary>
public static partial class ProblemText
{
    public static ProblemDetails Clean(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var dirty = IsDirty(problem.Detail) || (problem.Errors?.Values.Any(messages => messages.Any(IsDirty)) ?? false);
        return !dirty ? problem : problem with
        {
            Detail = Scrub(problem.Detail),
            Errors = problem.Errors?.ToDictionary(e => e.Key, e => e.Value.Select(Scrub).ToArray(), StringComparer.Ordinal),
        };
    }

    private static bool IsDirty(string text) => TypeName().IsMatch(text) || Position().IsMatch(text);

    private static string Scrub(string text) => Position().Replace(TypeName().Replace(text, "the documented type"), string.Empty).Trim();

    [GeneratedRegex(@"\b(?:System|Lena|LenaFunctions|Microsoft|Hl7|Azure)(?:\.[A-Za-z_][A-Za-z0-9_`]*)+(?:\[[^\]\s]*\]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\s*\|?\s*(?:Path: \$\S*\s*\|?\s*)?LineNumber: \d+\s*\|\s*BytePositionInLine: \d+\.?", RegexOptions.CultureInvariant)]
    private static partial Regex Position();
}
