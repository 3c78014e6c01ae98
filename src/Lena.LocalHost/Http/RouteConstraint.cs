using System.Globalization;

namespace Lena.LocalHost.Http;

/// <summary>
/// An inline route constraint (<c>{id:int}</c>, <c>{code:length(3)}</c>) with ASP.NET Core's
/// meaning. Supported: int, long, bool, guid, alpha, double, decimal, datetime, minlength,
/// maxlength, length, min, max, range. Anything else is refused at start-up rather than ignored.
/// </summary>
public sealed record RouteConstraint(string Name, IReadOnlyList<string> Arguments)
{
    private static readonly string[] Known = ["int", "long", "bool", "guid", "alpha", "double", "decimal", "datetime", "minlength", "maxlength", "length", "min", "max", "range"];

    public static RouteConstraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim().ToLowerInvariant();
        string[] arguments = open < 0 || !text.EndsWith(')')
            ? []
            : text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
        if (!Known.Contains(name))
        {
            throw new NotSupportedException($"Route constraint '{text}' is not supported by lena-host (supported: {string.Join(", ", Known)}).");
        }

        return new RouteConstraint(name, arguments);
    }

    public bool Accepts(string value)
    {
        var inv = CultureInfo.InvariantCulture;
        return Name switch
        {
            "int" => int.TryParse(value, NumberStyles.Integer, inv, out _),
            "long" => long.TryParse(value, NumberStyles.Integer, inv, out _),
            "bool" => bool.TryParse(value, out _),
            "guid" => Guid.TryParse(value, out _),
            "alpha" => value.All(char.IsAsciiLetter),
            "double" => double.TryParse(value, NumberStyles.Float, inv, out _),
            "decimal" => decimal.TryParse(value, NumberStyles.Number, inv, out _),
            "datetime" => DateTime.TryParse(value, inv, DateTimeStyles.None, out _),
            "minlength" => value.Length >= Argument(0),
            "maxlength" => value.Length <= Argument(0),
            "length" => Arguments.Count == 1 ? value.Length == Argument(0) : value.Length >= Argument(0) && value.Length <= Argument(1),
            "min" => long.TryParse(value, NumberStyles.Integer, inv, out var min) && min >= Argument(0),
            "max" => long.TryParse(value, NumberStyles.Integer, inv, out var max) && max <= Argument(0),
            "range" => long.TryParse(value, NumberStyles.Integer, inv, out var n) && n >= Argument(0) && n <= Argument(1),
            _ => false,
        };
    }

    private long Argument(int index) =>
        index < Arguments.Count && long.TryParse(Arguments[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new NotSupportedException($"Route constraint '{Name}' needs {index + 1} numeric argument(s).");
}
