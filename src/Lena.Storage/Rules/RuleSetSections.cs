using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Storage.Rules;

/// <summary>
/// Splits a rule set into one row per section (each indication its own row) and puts it back
/// together. Row keys carry a fixed-width order so the document reassembles identically.
/// </summary>
internal static class RuleSetSections
{
    /// <summary>Table string properties hold at most 64 KiB (32K UTF-16 characters).</summary>
    public const int MaxSectionChars = 30_000;

    private const string IndicationsProperty = "indications";
    private static readonly HashSet<string> MetadataProperties = new(StringComparer.Ordinal) { "version", "description" };

    public static IReadOnlyList<RuleSection> Split(RuleSet rules)
    {
        var root = JsonSerializer.SerializeToNode(rules, LenaJson.Options)!.AsObject();
        var sections = new List<RuleSection>();
        var order = 0;
        foreach (var (name, node) in root)
        {
            if (MetadataProperties.Contains(name))
            {
                continue;
            }

            if (name == IndicationsProperty)
            {
                foreach (var indication in node!.AsArray())
                {
                    var key = indication!["indication"]!.GetValue<string>();
                    sections.Add(Section(order++, $"{IndicationsProperty}.{key}", indication));
                }

                continue;
            }

            sections.Add(Section(order++, name, node));
        }

        return sections;
    }

    /// <summary>
    /// The rule set as the app serves it from storage: its stored sections joined and parsed (and
    /// validated) like any document. The benchmarks build theirs through here too, so they measure
    /// the rule set the worker evaluates, not only the embedded one.
    /// </summary>
    public static RuleSetParseResult Read(string version, string? description, IEnumerable<RuleSection> sections) =>
        RuleSetDocument.Parse(Join(version, description, sections));

    public static byte[] Join(string version, string? description, IEnumerable<RuleSection> sections)
    {
        var root = new JsonObject { ["version"] = version };
        if (description is not null)
        {
            root["description"] = description;
        }

        JsonArray? indications = null;
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            var node = JsonNode.Parse(section.Json);
            if (section.Name.StartsWith(IndicationsProperty + ".", StringComparison.Ordinal))
            {
                if (indications is null)
                {
                    indications = [];
                    root[IndicationsProperty] = indications;
                }

                indications.Add(node);
            }
            else
            {
                root[section.Name] = node;
            }
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static RuleSection Section(int order, string name, JsonNode? node)
    {
        var json = node?.ToJsonString(LenaJson.Options) ?? "null";
        return new RuleSection(order, name, json, Hash(json));
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}

internal sealed record RuleSection(int Order, string Name, string Json, string Hash);
