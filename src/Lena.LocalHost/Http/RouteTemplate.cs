namespace Lena.LocalHost.Http;

/// <summary>
/// A function's route template (<c>courses/{courseId}/follow-ups</c>, <c>{*path}</c>) parsed into
/// segments: matching a request path yields the route values, and <see cref="Precedence"/>
/// orders templates the way ASP.NET Core routing does (literal before constrained parameter
/// before parameter before catch-all, segment by segment).
/// </summary>
public sealed class RouteTemplate
{
    private RouteTemplate(string text, IReadOnlyList<RouteSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    public IReadOnlyList<RouteSegment> Segments { get; }

    public static RouteTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = template.Trim().Trim('/');
        var segments = new List<RouteSegment>();
        var parts = text.Length == 0 ? [] : text.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = ParseSegment(template, parts[i]);
            if (segment.Kind == RouteSegmentKind.CatchAll && i != parts.Length - 1)
            {
                throw new NotSupportedException($"Route '{template}': a catch-all parameter must be the last segment.");
            }

            if (segment.Optional && i != parts.Length - 1)
            {
                throw new NotSupportedException($"Route '{template}': only the last parameter may be optional.");
            }

            segments.Add(segment);
        }

        return new RouteTemplate(text, segments);
    }

    /// <summary>The route values when <paramref name="path"/> (decoded, without the route prefix) matches; otherwise null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            if (segment.Kind == RouteSegmentKind.CatchAll)
            {
                var rest = string.Join('/', parts.Skip(i));
                if (rest.Length > 0)
                {
                    values[segment.Text] = rest;
                }

                return values;
            }

            if (i >= parts.Length)
            {
                return segment.Optional ? values : null;
            }

            if (!segment.Accepts(parts[i]))
            {
                return null;
            }

            if (segment.IsParameter)
            {
                values[segment.Text] = parts[i];
            }
        }

        return parts.Length == Segments.Count ? values : null;
    }

    /// <summary>Orders templates most specific first.</summary>
    public static IComparer<RouteTemplate> Precedence { get; } = Comparer<RouteTemplate>.Create(Compare);

    private static int Compare(RouteTemplate? x, RouteTemplate? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : 1) : -1;
        }

        for (var i = 0; i < Math.Min(x.Segments.Count, y.Segments.Count); i++)
        {
            var byKind = x.Segments[i].Kind.CompareTo(y.Segments[i].Kind);
            if (byKind != 0)
            {
                return byKind;
            }
        }

        var byLength = y.Segments.Count.CompareTo(x.Segments.Count);
        return byLength != 0 ? byLength : string.CompareOrdinal(x.Text, y.Text);
    }

    public override string ToString() => Text;

    private static RouteSegment ParseSegment(string template, string part)
    {
        if (part.Length == 0)
        {
            throw new NotSupportedException($"Route '{template}' has an empty segment.");
        }

        if (!part.Contains('{', StringComparison.Ordinal) && !part.Contains('}', StringComparison.Ordinal))
        {
            return new RouteSegment(RouteSegmentKind.Literal, part, false, []);
        }

        if (!part.StartsWith('{') || !part.EndsWith('}') || part.IndexOf('{', 1) >= 0)
        {
            throw new NotSupportedException($"Route '{template}': segment '{part}' mixes text and parameters, which lena-host does not support.");
        }

        var inner = part[1..^1];
        if (inner.StartsWith('*'))
        {
            return new RouteSegment(RouteSegmentKind.CatchAll, inner.TrimStart('*'), true, []);
        }

        var optional = inner.EndsWith('?');
        if (optional)
        {
            inner = inner[..^1];
        }

        var equals = inner.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            // A default value: the parameter may be left out (the worker sees no value, as with optional).
            inner = inner[..equals];
            optional = true;
        }

        var pieces = inner.Split(':');
        var constraints = pieces.Skip(1).Select(RouteConstraint.Parse).ToArray();
        return new RouteSegment(constraints.Length > 0 ? RouteSegmentKind.ConstrainedParameter : RouteSegmentKind.Parameter, pieces[0], optional, constraints);
    }
}
