using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Lena.Fhir.Reading;
using Xunit.Abstractions;

namespace Lena.Fhir.Tests;

/// <summary>
/// The service reads FHIR without Firely's model validation (issue 15: it was half of each resource's reading
/// cost, and its issues were never used). These tests hold that reader to Firely's validating recoverable
/// reader, on every resource of the corpus, the fixtures and the CDS samples and on thousands of malformed
/// variants of them: the same outcome (read or not, and the message), the same object, the same overflow
/// problems. A Firely upgrade that made validation change what is read would fail here. One difference is known
/// and intended: a non-array <c>contained</c>, on which validation threw (see <see cref="ContainedThatValidationThrewOn"/>).
/// </summary>
public class ReaderEquivalenceTests(ITestOutputHelper output)
{
    private static readonly FhirJsonDeserializer Validating = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>Values put in place of an element's value: every JSON kind, and strings that are no valid FHIR primitive.</summary>
    private static readonly string[] Replacements =
    [
        "\"x\"", "\"\"", "\" padded \"", "\"2024-13-45\"", "\"2024-02-30T25:61:00Z\"", "\"not a uri\"", "\"abc\"", "\"-1\"",
        "0", "-3", "1.5", "1e400", "12345678901234567890123", "true", "false", "null",
        "{}", "{\"a\":1}", "{\"value\":\"x\"}", "[]", "[null]", "[1,2]", "[\"x\"]", "[{}]", "[[1]]",
    ];

    [Fact]
    public void Every_sample_resource_reads_exactly_as_with_firely_validation()
    {
        var resources = SampleResources();

        Assert.True(resources.Count > 100, $"only {resources.Count} sample resources found");
        output.WriteLine($"{resources.Count} sample resources");
        AssertSameReading(resources.Select(r => r.ToJsonString()));
    }

    [Fact]
    public void Malformed_variants_of_the_sample_resources_read_exactly_as_with_firely_validation_but_a_contained_that_is_no_array()
    {
        // One resource per type and shape (the corpus repeats the same resources many times), every element
        // replaced by every kind of wrong value, removed, renamed, duplicated as "_name", and the wrong case.
        var variants = SampleResources()
            .GroupBy(r => Shape(r))
            .Select(g => g.First())
            .SelectMany(Variants)
            .ToList();

        Assert.True(variants.Count > 10_000, $"only {variants.Count} variants");
        output.WriteLine($"{variants.Count} variants");
        AssertSameReading(variants);
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","id":"o1","status":"bogus","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","code":{}}""")]
    [InlineData("""{"resourceType":"observation","id":"o1","status":"final","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","ID":"o1","Status":"final","code":{"Text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o 1!","status":"final","code":{"text":"x"},"valueQuantity":{"value":"1.4","comparator":"~"}}""")]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1950-02-30","gender":"unknown-code","deceasedBoolean":"yes"}""")]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1950","_birthDate":{"extension":[{"url":"http://x","valueString":"y"}]}}""")]
    [InlineData("""{"resourceType":"Patient","id":"p1","text":{"status":"generated","div":"<div>not xhtml"}}""")]
    [InlineData("""{"resourceType":"MedicationRequest","id":"m1","contained":[{"resourceType":"Medication"}],"medicationReference":{"reference":"#"}}""")]
    [InlineData("""{"resourceType":"MedicationRequest","id":"m1","contained":[{"resourceType":"Nope","id":"x"}],"status":"active"}""")]
    [InlineData("""{"resourceType":"Condition","id":"c1","onsetDateTime":"2020-01-01","onsetAge":{"value":3},"code":{"coding":[{}]}}""")]
    [InlineData("""{"resourceType":"AllergyIntolerance","id":"a1","patient":{},"reaction":[{"manifestation":[]}],"criticality":"very"}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","status":"final","status":"final","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","value":{"x":1},"valueFoo":"bar","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"o1","extension":[{"url":"http://x"}],"modifierExtension":[{"valueString":"x"}]}""")]
    public void Hand_made_invalid_resources_read_exactly_as_with_firely_validation(string json) =>
        AssertSameReading([json]);

    private static void AssertSameReading(IEnumerable<string> jsons)
    {
        var differences = new List<string>();
        foreach (var json in jsons)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            string expected;
            try
            {
                expected = Describe(FhirJson.TryRead(Validating, bytes, out var validated, out var validatedError), validated, validatedError);
            }
            catch (Exception e)
            {
                expected = "THROWS " + e.GetType().Name + ": " + e.Message;
            }

            var actual = Describe(FhirJson.TryRead(bytes, out var read, out var readError), read, readError);
            if (expected != actual && !ContainedThatValidationThrewOn(expected, actual))
            {
                differences.Add($"{json}\n  validating: {expected}\n  service:    {actual}");
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} differ, e.g.\n{string.Join("\n", differences.Take(40))}");
    }

    /// <summary>
    /// The one known difference: validation reads the typed <c>Contained</c> of every DomainResource
    /// (<c>DomainResource.ValidateInvariants</c>), which throws when <c>contained</c> is not an array, so that
    /// resource failed the whole call before. Without validation it is read and its <c>contained</c> stays in
    /// overflow (reported as an unknown element when it is not a resource; a lone resource object is not used).
    /// </summary>
    private static bool ContainedThatValidationThrewOn(string expected, string actual) =>
        expected.StartsWith("THROWS CodedValidationException: Expected property to be a collection of Resource, but found a single ", StringComparison.Ordinal)
        && actual.StartsWith("True |  | ", StringComparison.Ordinal)
        && actual.Contains(".contained:", StringComparison.Ordinal);

    private static string Describe(bool ok, Resource? resource, string? error)
    {
        var text = new StringBuilder().Append(ok).Append(" | ").Append(error).Append(" | ");
        if (resource is not null)
        {
            text.Append(string.Join(", ", OverflowFinder.Find(resource))).Append(" | ");
            Dump(resource, resource.TypeName, text);
        }

        return text.ToString();
    }

    /// <summary>Every element of the object graph with its .NET type and raw value, overflow included.</summary>
    private static void Dump(object? value, string path, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append(path).Append("=null;");
                break;
            case Base node:
                text.Append(path).Append(':').Append(node.GetType().FullName).Append(';');
                if (node is PrimitiveType primitive)
                {
                    Dump(primitive.JsonValue, path + "#json", text);
                }

                foreach (var (name, child) in node.EnumerateElements())
                {
                    if (child is IEnumerable items and not string)
                    {
                        var index = 0;
                        foreach (var item in items)
                        {
                            Dump(item, $"{path}.{name}[{index++}]", text);
                        }
                    }
                    else
                    {
                        Dump(child, path + "." + name, text);
                    }
                }

                break;
            default:
                text.Append(path).Append('=').Append(value.GetType().FullName).Append(':')
                    .Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(';');
                break;
        }
    }

    /// <summary>Every non-Bundle object with a resourceType in the corpus, the fixtures and the CDS samples.</summary>
    private static List<JsonObject> SampleResources()
    {
        var directory = AppContext.BaseDirectory;
        var files = new[] { "Corpus", "Fixtures", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(directory, folder), "*.json"))
            .Order(StringComparer.Ordinal);
        var found = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Collect(JsonNode.Parse(File.ReadAllBytes(file)), found, seen);
        }

        return found;
    }

    private static void Collect(JsonNode? node, List<JsonObject> found, HashSet<string> seen)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["resourceType"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
                    && (string?)type != "Bundle" && seen.Add(obj.ToJsonString()))
                {
                    found.Add(obj);
                }

                foreach (var (_, child) in obj)
                {
                    Collect(child, found, seen);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, found, seen);
                }

                break;
        }
    }

    /// <summary>The resource type and the set of element paths: resources alike but for their values share a shape.</summary>
    private static string Shape(JsonObject resource)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string path)
        {
            paths.Add(path);
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj)
                    {
                        Walk(child, path + "." + name);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child, path + "[]");
                    }

                    break;
            }
        }

        Walk(resource, string.Empty);
        return (string?)resource["resourceType"] + string.Join(',', paths);
    }

    private static IEnumerable<string> Variants(JsonObject resource)
    {
        var text = resource.ToJsonString();
        var count = Locations(JsonNode.Parse(text)!).Count;
        for (var i = 0; i < count; i++)
        {
            foreach (var replacement in Replacements)
            {
                yield return Mutate(text, i, location => location.Replace(JsonNode.Parse(replacement)));
            }

            yield return Mutate(text, i, location => location.Remove());
            yield return Mutate(text, i, location => location.Rename(location.Name is { } name ? "_" + name : null));
            yield return Mutate(text, i, location => location.Rename(location.Name is { Length: > 0 } name ? char.ToUpperInvariant(name[0]) + name[1..] : null));
            yield return Mutate(text, i, location => location.Rename(location.Name is { } name ? name + "Foo" : null));
            yield return Mutate(text, i, location => location.AddSibling("_" + location.Name, JsonNode.Parse("""{"id":"x","extension":[{"url":"http://x","valueCode":"y"}]}""")));
        }
    }

    private static string Mutate(string json, int index, Action<Location> change)
    {
        var root = JsonNode.Parse(json)!;
        change(Locations(root)[index]);
        return root.ToJsonString();
    }

    /// <summary>Every value below the root: as a property of an object (with its name) or an item of an array.</summary>
    private static List<Location> Locations(JsonNode root)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        var order = new List<Location>();
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        order.Add(new Location(obj, name, null));
                        if (child is not null)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        order.Add(new Location(array, null, i));
                        if (array[i] is { } child)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
            }
        }

        return order;
    }

    private sealed record Location(JsonNode Parent, string? Name, int? Index)
    {
        public void Replace(JsonNode? value)
        {
            if (Parent is JsonObject obj)
            {
                obj[Name!] = value;
            }
            else
            {
                ((JsonArray)Parent)[Index!.Value] = value;
            }
        }

        public void Remove()
        {
            if (Parent is JsonObject obj)
            {
                obj.Remove(Name!);
            }
            else
            {
                ((JsonArray)Parent).RemoveAt(Index!.Value);
            }
        }

        public void Rename(string? newName)
        {
            if (Parent is JsonObject obj && newName is not null && !obj.ContainsKey(newName))
            {
                var value = obj[Name!];
                obj.Remove(Name!);
                obj[newName] = value?.DeepClone();
            }
        }

        public void AddSibling(string name, JsonNode? value)
        {
            if (Parent is JsonObject obj && Name is not null && !obj.ContainsKey(name))
            {
                obj[name] = value;
            }
        }
    }
}
