using System.Text.RegularExpressions;

namespace Lena.LocalHost.Settings;

/// <summary>
/// The app settings the worker runs with (file values, then the caller's overrides), and the
/// resolution of <c>%Name%</c> references in binding properties, as the host does for a timer's
/// schedule. A reference may use <c>:</c> or <c>__</c> between sections.
/// </summary>
public sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    public AppSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            _values[SettingsFlattener.NormalizeName(name)] = value;
        }
    }

    /// <summary>Where the file values came from; null when no settings file was found.</summary>
    public string? SourceFile { get; init; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public static AppSettings Merge(LocalSettingsFile? file, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var values = new Dictionary<string, string>(file?.Values ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in overrides)
        {
            values[SettingsFlattener.NormalizeName(name)] = value;
        }

        return new AppSettings(values) { SourceFile = file?.Path };
    }

    public string? this[string name] => _values.TryGetValue(SettingsFlattener.NormalizeName(name), out var value) ? value : null;

    /// <summary>Replaces each <c>%Name%</c> with the setting's value; an unknown name is an error, as in the host.</summary>
    public string Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Reference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            return this[name] ?? throw new InvalidOperationException($"'{text}' refers to the app setting '{name}', which is not set.");
        });
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
