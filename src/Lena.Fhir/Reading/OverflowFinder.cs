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
        Walk(root, root.TypeName, found);
        return found;
    }

    private static void Walk(Base node, string path, List<string> found)
    {
        foreach (var (name, value) in node.EnumerateElements())
        {
            var childPath = path + "." + name;
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    Visit(item, childPath, found);
                }
            }
            else
            {
                Visit(value, childPath, found);
            }
        }
    }

    private static void Visit(object? value, string path, List<string> found)
    {
        switch (value)
        {
            case DynamicPrimitive or DynamicDataType or DynamicResource:
                found.Add(path + " (unknown element)");
                break;
            case FhirDecimal { JsonValue: not (null or decimal) }:
            case Integer { JsonValue: not (null or int) }:
            case PositiveInt { JsonValue: not (null or int) }:
            case UnsignedInt { JsonValue: not (null or int) }:
            case FhirBoolean { JsonValue: not (null or bool) }:
                found.Add(path + " (value of the wrong type)");
                break;
            case Base child:
                Walk(child, path, found);
                break;
        }
    }
}
