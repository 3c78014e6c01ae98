using System.Collections;
using Hl7.Fhir.Model;

namespace Lena.Fhir.Reading;

/// <summary>
/// Finds what recoverable parsing kept but could not type: unknown elements (dynamic overflow) and
/// primitives holding a value of the wrong kind ("abc" for a decimal). Reading such a primitive's typed
/// value would throw, so the mapper reads values through <see cref="FhirValues"/> instead.
/// </summary>
internal static class OverflowFinder
{
    public static IReadOnlyList<string> Find(Base root)
    {
        var found = new List<string>();
        var path = new List<string> { root.TypeName };
        Walk(root, path, found);
        return found;
    }

    // The path is kept as a stack of names and joined only for a finding: almost every resource has
    // none, and building a string per element was most of this walk's cost (issue 15, CDS order-sign).
    private static void Walk(Base node, List<string> path, List<string> found)
    {
        foreach (var (name, value) in node.EnumerateElements())
        {
            path.Add(name);
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    Visit(item, path, found);
                }
            }
            else
            {
                Visit(value, path, found);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static void Visit(object? value, List<string> path, List<string> found)
    {
        switch (value)
        {
            case DynamicPrimitive or DynamicDataType or DynamicResource:
                found.Add(string.Join('.', path) + " (unknown element)");
                break;
            case FhirDecimal { JsonValue: not (null or decimal) }:
            case Integer { JsonValue: not (null or int) }:
            case PositiveInt { JsonValue: not (null or int) }:
            case UnsignedInt { JsonValue: not (null or int) }:
            case FhirBoolean { JsonValue: not (null or bool) }:
                found.Add(string.Join('.', path) + " (value of the wrong type)");
                break;
            case Base child:
                Walk(child, path, found);
                break;
        }
    }
}
