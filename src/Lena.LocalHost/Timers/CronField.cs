using System.Globalization;

namespace Lena.LocalHost.Timers;

/// <summary>
/// One field of an NCRONTAB expression as the set of values it allows: <c>*</c>, a value, a
/// range <c>a-b</c>, a step <c>*/n</c>, <c>a-b/n</c> or <c>a/n</c> (from a to the maximum), and
/// comma-separated lists of these. Months and days of the week also take English names.
/// </summary>
public sealed class CronField
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private readonly bool[] _allowed;

    private CronField(string name, int min, int max, bool[] allowed, bool isWildcard)
    {
        Name = name;
        Min = min;
        Max = max;
        _allowed = allowed;
        IsWildcard = isWildcard;
    }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    /// <summary>True for a bare <c>*</c>.</summary>
    public bool IsWildcard { get; }

    public bool Contains(int value) => value >= Min && value <= Max && _allowed[value - Min];

    /// <summary>The smallest allowed value at or above <paramref name="from"/>, or null.</summary>
    public int? NextFrom(int from)
    {
        for (var value = Math.Max(from, Min); value <= Max; value++)
        {
            if (_allowed[value - Min])
            {
                return value;
            }
        }

        return null;
    }

    public IEnumerable<int> Values => Enumerable.Range(Min, Max - Min + 1).Where(Contains);

    public static CronField Parse(string name, string text, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var allowed = new bool[max - min + 1];
        foreach (var item in text.Split(','))
        {
            ParseItem(name, text, item, min, max, allowed);
        }

        return new CronField(name, min, max, allowed, text == "*");
    }

    private static void ParseItem(string name, string field, string item, int min, int max, bool[] allowed)
    {
        if (item.Length == 0)
        {
            throw Invalid(name, field, "has an empty list item");
        }

        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = item;
        if (slash >= 0)
        {
            step = Number(name, field, item[(slash + 1)..], 1, int.MaxValue, "step");
            range = item[..slash];
        }

        int from, to;
        if (range == "*")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                from = Value(name, field, range[..dash], min, max);
                to = Value(name, field, range[(dash + 1)..], min, max);
                if (to < from)
                {
                    throw Invalid(name, field, $"has the range {range}, which runs backwards");
                }
            }
            else
            {
                from = Value(name, field, range, min, max);
                to = slash >= 0 ? max : from;
            }
        }

        for (var value = from; value <= to; value += step)
        {
            allowed[value - min] = true;
        }
    }

    private static int Value(string name, string field, string text, int min, int max)
    {
        var names = name switch
        {
            "month" => MonthNames,
            "day of week" => DayNames,
            _ => null,
        };
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return name == "month" ? index + 1 : index;
            }
        }

        return Number(name, field, text, min, max, "value");
    }

    private static int Number(string name, string field, string text, int min, int max, string what)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(name, field, $"has '{text}', which is not a number");
        }

        if (value < min || value > max)
        {
            throw Invalid(name, field, $"has the {what} {value}, outside {min}–{(max == int.MaxValue ? "∞" : max.ToString(CultureInfo.InvariantCulture))}");
        }

        return value;
    }

    private static FormatException Invalid(string name, string field, string problem) =>
        new($"The {name} field '{field}' {problem}.");
}
