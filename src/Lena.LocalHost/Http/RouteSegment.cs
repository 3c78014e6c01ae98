namespace Lena.LocalHost.Http;

/// <summary>The kind of a route template segment, in order of precedence (lowest first wins).</summary>
public enum RouteSegmentKind
{
    Literal = 1,
    ConstrainedParameter = 3,
    Parameter = 4,
    CatchAll = 5,
}

/// <summary>One segment of a route template: a literal, a <c>{parameter}</c> (optional, constrained) or a <c>{*catchAll}</c>.</summary>
public sealed record RouteSegment(RouteSegmentKind Kind, string Text, bool Optional, IReadOnlyList<RouteConstraint> Constraints)
{
    public bool IsParameter => Kind != RouteSegmentKind.Literal;

    public bool Accepts(string value) =>
        Kind == RouteSegmentKind.Literal
            ? string.Equals(Text, value, StringComparison.OrdinalIgnoreCase)
            : value.Length > 0 && Constraints.All(c => c.Accepts(value));
}
