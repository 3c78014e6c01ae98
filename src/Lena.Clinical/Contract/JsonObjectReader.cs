using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Lena.Clinical.Contract;

/// <summary>
/// Reads one JSON object property by property, recording every type error and every property
/// it was not asked for, so a caller gets all problems of a request at once with exact paths.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly ValidationErrors _errors;

    // The names asked for, each once, in the order first asked (the "Known:" list of an unknown-property error).
    // A short array scanned linearly: an object has a few dozen names at most, and a hash set grown per object
    // was a measurable part of reading a request.
    private string[] _known = new string[8];
    private int _knownCount;

    // How many distinct names asked for are present: when that is every property, none is unknown.
    private int _found;

    private JsonObjectReader(JsonElement element, string path, ValidationErrors errors)
    {
        _element = element;
        _path = path;
        _errors = errors;
    }

    /// <summary>A reader over <paramref name="element"/>, or null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectReader(element, path, errors);
        }

        errors.Add(path.Length == 0 ? "$" : path, $"must be a JSON object, not {Describe(element)}.");
        return null;
    }

    public string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    /// <summary>The property's value, or null when it is absent or JSON null.</summary>
    public JsonElement? Property(string name)
    {
        var first = Remember(name);
        if (!_element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (first)
        {
            _found++;
        }

        return value.ValueKind != JsonValueKind.Null ? value : null;
    }

    /// <summary>Records <paramref name="name"/> as known; true when it was not asked for before.</summary>
    private bool Remember(string name)
    {
        if (IsKnown(name))
        {
            return false;
        }

        if (_knownCount == _known.Length)
        {
            System.Array.Resize(ref _known, _known.Length * 2);
        }

        _known[_knownCount++] = name;
        return true;
    }

    private bool IsKnown(string name)
    {
        for (var i = 0; i < _knownCount; i++)
        {
            if (string.Equals(_known[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool Has(string name) => Property(name) is not null;

    public JsonObjectReader? Object(string name)
    {
        var value = Property(name);
        return value is null ? null : Open(value.Value, PathOf(name), _errors);
    }

    public string? String(string name)
    {
        var value = Property(name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.String)
        {
            return value.Value.GetString();
        }

        _errors.Add(PathOf(name), $"must be a string, not {Describe(value.Value)}.");
        return null;
    }

    public bool Boolean(string name)
    {
        var value = Property(name);
        if (value is null)
        {
            return false;
        }

        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.Value.GetBoolean();
        }

        _errors.Add(PathOf(name), $"must be true or false, not {Describe(value.Value)}.");
        return false;
    }

    /// <summary>A boolean whose absence means something (not stated), unlike <see cref="Boolean"/>'s false.</summary>
    public bool? OptionalBoolean(string name) => Has(name) ? Boolean(name) : null;

    public double? Number(string name)
    {
        var value = Property(name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        _errors.Add(PathOf(name), value.Value.ValueKind == JsonValueKind.String
            ? $"must be a JSON number, not a string (send {name}: {value.Value.GetString()} without quotes)."
            : $"must be a number, not {Describe(value.Value)}.");
        return null;
    }

    /// <summary>A whole number; <paramref name="unitHint"/> explains a fractional value where one is likely a unit mix-up.</summary>
    public int? Integer(string name, Func<double, string?>? unitHint = null)
    {
        var number = Number(name);
        if (number is null)
        {
            return null;
        }

        if (number.Value == Math.Floor(number.Value) && number.Value is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number.Value;
        }

        _errors.Add(PathOf(name), unitHint?.Invoke(number.Value) ?? $"must be a whole number, not {number.Value.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _errors.Add(PathOf(name), $"must be a date as yyyy-MM-dd (a clinical date, no time), not \"{text}\".");
        return null;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var text = String(name);
        return text is null ? null : EnumValue<TEnum>(text, PathOf(name), _errors);
    }

    public IReadOnlyList<JsonElement>? Array(string name)
    {
        var value = Property(name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Array)
        {
            return value.Value.EnumerateArray().ToArray();
        }

        _errors.Add(PathOf(name), $"must be an array, not {Describe(value.Value)}.");
        return null;
    }

    /// <summary>Call after reading every known property: each other property is an error.</summary>
    public void RejectUnknown()
    {
        // Every property was asked for by name (a document holds no name twice, and with twice a name the count
        // differs and the full check below runs): nothing to reject, without a string per property name.
        if (_found == _element.GetPropertyCount())
        {
            return;
        }

        var known = new ArraySegment<string>(_known, 0, _knownCount);
        foreach (var property in _element.EnumerateObject())
        {
            if (IsKnown(property.Name))
            {
                continue;
            }

            if (_errors.IsFull)
            {
                _errors.Add(PathOf(property.Name), string.Empty); // counted, not listed: no suggestion to compute
                continue;
            }

            var suggestion = Closest(property.Name, known);
            _errors.Add(PathOf(property.Name), suggestion is null
                ? $"is not a known property here. Known: {string.Join(", ", _known, 0, _knownCount)}."
                : $"is not a known property here; did you mean \"{suggestion}\"?");
        }
    }

    public static TEnum? EnumValue<TEnum>(string text, string path, ValidationErrors errors)
        where TEnum : struct, Enum
    {
        if (WireValues<TEnum>.ByName.TryGetValue(text, out var value))
        {
            return value;
        }

        var names = System.Enum.GetValues<TEnum>().Select(v => LenaJson.WireName(v)).ToArray();
        var suggestion = Closest(text, names);
        errors.Add(path, $"\"{text}\" is not one of: {string.Join(", ", names)}."
            + (suggestion is null ? string.Empty : $" Did you mean \"{suggestion}\"?"));
        return null;
    }

    /// <summary>Each wire name's value (the first declared, as a scan of the members would find), computed once per enum.</summary>
    private static class WireValues<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByName = System.Enum.GetValues<TEnum>()
            .GroupBy(v => LenaJson.WireName(v), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an undefined value",
    };

    /// <summary>The candidate within a small edit distance or sharing a prefix, for "did you mean".</summary>
    private static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = candidate.StartsWith(input, StringComparison.OrdinalIgnoreCase) && input.Length >= 4
                ? 1
                : EditDistance(input.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
