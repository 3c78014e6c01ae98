using System.Collections;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace Lena.Fhir.Reading;

/// <summary>
/// Finds what recoverable parsing kept but could not type: unknown elements (dynamic overflow) and
/// primitives holding a value of the wrong kind ("abc" for a decimal). Reading such a primitive's typed
/// value would throw, so the mapper reads values through <see cref="FhirValues"/> instead.
/// </summary>
internal static class OverflowFinder
{
    /// <summary>The marker of a finding that makes the resource unusable (see <see cref="IsWrongShape"/>).</summary>
    public const string WrongShape = " (wrong shape: ";

    /// <summary>
    /// True for a finding of an element whose stored value has the wrong shape: a list where one value belongs,
    /// one value where a list belongs, or a value of another type. Recoverable parsing keeps such a value, but
    /// the typed property then throws when read, so the resource cannot be used at all.
    /// </summary>
    public static bool IsWrongShape(string finding) => finding.Contains(WrongShape, StringComparison.Ordinal);

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
        var mapping = ModelInfo.ModelInspector.FindOrImportClassMapping(node.GetType());
        foreach (var (name, value) in node.EnumerateElements())
        {
            path.Add(name);
            if (mapping?.FindMappedElementByName(name) is { } property && Shape(property, value) is { } wrong)
            {
                found.Add(string.Join('.', path) + WrongShape + wrong + ")");
                path.RemoveAt(path.Count - 1);
                continue;
            }

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

    /// <summary>Null when the stored value has the shape the element's typed property reads; otherwise what is wrong.</summary>
    // Called for every element of every resource read (the CDS hot path): no allocation unless something is wrong.
    private static string? Shape(PropertyMapping property, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case IEnumerable list and not string and not Base:
                if (!property.IsCollection)
                {
                    return "a list where one value belongs";
                }

                foreach (var item in list)
                {
                    if (OfAnotherType(property, item))
                    {
                        return $"{item!.GetType().Name} where {property.ImplementingType.Name} belongs";
                    }
                }

                return null;
            default:
                if (property.IsCollection)
                {
                    return "one value where a list belongs";
                }

                return OfAnotherType(property, value) ? $"{value.GetType().Name} where {property.ImplementingType.Name} belongs" : null;
        }
    }

    /// <summary>Unknown data (dynamic overflow) is reported by <see cref="Visit"/>; anything else must be of the element's type.</summary>
    private static bool OfAnotherType(PropertyMapping property, object? item) =>
        item is not null and not (DynamicPrimitive or DynamicDataType or DynamicResource) && !property.ImplementingType.IsInstanceOfType(item);

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
