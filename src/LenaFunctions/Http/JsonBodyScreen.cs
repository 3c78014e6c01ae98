using System.Text.Json;
using Lena.Clinical.Contract;

namespace LenaFunctions.Http;

/// <summary>
/// The checks every JSON body passes before a route parses it: UTF-8, well-formed JSON no deeper
/// than <see cref="MaxDepth"/>, and no property twice in one object (which value was meant would be
/// a guess). One forward pass over the bytes; problems are named by JSON path, never by a parser's
/// byte position or a .NET type.
/// </summary>
public static class JsonBodyScreen
{
    /// <summary>Deep enough for a FHIR Bundle in a CDS Hooks prefetch; a snapshot needs 4.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// No object of any contract has more than a few dozen properties: past this, a body is refused
    /// whole, at once and cheaply, instead of being parsed and answered key by key.
    /// </summary>
    public const int MaxProperties = 1000;

    public static ProblemDetails? Check(ReadOnlySpan<byte> body)
    {
        var errors = new ValidationErrors();
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            errors.Add("$", "The body is not valid UTF-8. Send JSON encoded as UTF-8 (Content-Type: application/json).");
            return ProblemDetails.Validation(errors);
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var frames = new Stack<Frame>(8);
        var where = Location.Root;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var owner = frames.Peek();
                        owner.Property = reader.GetString()!;
                        where = new Location(owner, owner.Property, 0);
                        if (++owner.Count <= MaxProperties && !owner.AddName(owner.Property))
                        {
                            errors.Add(where.Path, "is sent more than once in the same object; send each property once.");
                        }

                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        var closed = frames.Pop();
                        where = closed.At;
                        if (closed.Count > MaxProperties)
                        {
                            errors.Add(where.Path, $"has {closed.Count} properties; an object here has at most {MaxProperties} (see GET /api/openapi.json for its fields).");
                        }

                        break;
                    default:
                        where = frames.TryPeek(out var parent) ? parent.NextChild() : Location.Root;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            frames.Push(new Frame(where, reader.TokenType == JsonTokenType.StartObject));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            if (reader.CurrentDepth >= MaxDepth - 1)
            {
                errors.Add(where.Path, $"nests deeper than {MaxDepth} levels; send the documented shape.");
            }
            else if (reader.BytesConsumed >= body.Length || frames.Count == 0)
            {
                errors.Add("$", body.IsEmpty
                    ? "The body is empty. Send one JSON object (Content-Type: application/json)."
                    : "The body is not valid JSON: it ends early or has extra text around its object. Send one JSON object (Content-Type: application/json).");
            }
            else
            {
                errors.Add(where.Path, "The body is not valid JSON at or just after this point. Send one JSON object (Content-Type: application/json).");
            }
        }

        return errors.IsEmpty ? null : ProblemDetails.Validation(errors);
    }

    private static string Child(string path, string name) => path == "$" ? name : path + "." + name;

    /// <summary>
    /// Where the reader is: the open object or array it is in, and the property name or index there. The
    /// JSON path string is built only when an error names it — a well-formed body (nearly all of them)
    /// builds none (issue 15: a string per property was most of this screen's allocation).
    /// </summary>
    private readonly record struct Location(Frame? Owner, string? Property, int Index)
    {
        public static Location Root => default;

        public string Path => Owner switch
        {
            null => "$",
            { IsObject: true } => Child(Owner.Path, Property!),
            _ => $"{(Owner.Path == "$" ? string.Empty : Owner.Path)}[{Index}]",
        };
    }

    /// <summary>An open object (its property names so far) or array (its next index).</summary>
    private sealed class Frame(Location at, bool isObject)
    {
        private int _index;
        private string? _path;

        public Location At { get; } = at;

        public string Path => _path ??= At.Path;

        private List<string>? _few;
        private HashSet<string>? _many;

        public bool IsObject { get; } = isObject;

        public string Property { get; set; } = string.Empty;

        public int Count { get; set; }

        public Location NextChild() => IsObject ? new Location(this, Property, 0) : new Location(this, null, _index++);

        /// <summary>
        /// False when the object already has the name. Most objects have a handful of properties: a short list
        /// searched in order costs less than a hash set grown while it fills; past 16 names, a hash set (issue 15).
        /// </summary>
        public bool AddName(string name)
        {
            if (_many is not null)
            {
                return _many.Add(name);
            }

            _few ??= new List<string>(8);
            foreach (var seen in _few)
            {
                if (string.Equals(seen, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            _few.Add(name);
            if (_few.Count > 16)
            {
                _many = new HashSet<string>(_few, StringComparer.Ordinal);
                _few = null;
            }

            return true;
        }
    }
}
