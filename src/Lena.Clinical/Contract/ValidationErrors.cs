namespace Lena.Clinical.Contract;

/// <summary>
/// Every problem found in one input, by JSON path, in the order found. At most
/// <see cref="MaxListed"/> paths are kept with their messages; later ones are only counted, so a
/// body with thousands of bad keys costs a small answer and little memory.
/// </summary>
public sealed class ValidationErrors
{
    /// <summary>The most paths an error body lists (API.md, "HTTP": at most 50 plus <c>errorCount</c>).</summary>
    public const int MaxListed = 50;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private HashSet<string>? _unlisted;

    /// <summary>How many distinct paths have a problem, listed or not.</summary>
    public int Count => _errors.Count + (_unlisted?.Count ?? 0);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>True when more paths had problems than are listed.</summary>
    public bool IsTruncated => _unlisted is { Count: > 0 };

    /// <summary>True when a new path would only be counted: callers may skip composing its message.</summary>
    public bool IsFull => _errors.Count >= MaxListed;

    public bool Has(string path) => _errors.ContainsKey(path) || (_unlisted?.Contains(path) ?? false);

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            if (_errors.Count >= MaxListed)
            {
                // Only the path is kept (bounded by the body size), so the count stays exact.
                (_unlisted ??= new HashSet<string>(StringComparer.Ordinal)).Add(path);
                return;
            }

            messages = [];
            _errors.Add(path, messages);
        }

        if (!messages.Contains(message) && messages.Count < MaxListed)
        {
            messages.Add(message);
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
