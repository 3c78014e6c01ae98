using System.Text;
using System.Text.Json.Nodes;
using Lena.Clinical.Rules;

namespace Lena.Cli.Tests;

/// <summary>A scratch folder for one test class; rule-set documents are built from the shipped default.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lena-cli-tests-").FullName;

    /// <summary>The default rule set as <c>lena rules export</c> writes it, as an editable tree.</summary>
    public static JsonObject DefaultRules() =>
        JsonNode.Parse(RuleSetDocument.Serialize(RuleSetDocument.Default))!.AsObject();

    /// <summary>The default rule set with one edit applied.</summary>
    public static JsonObject DefaultRules(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var rules = DefaultRules();
        edit(rules);
        return rules;
    }

    /// <summary>The <c>holds</c> entry with this id of an indication.</summary>
    public static JsonObject Hold(JsonObject rules, string indication, string id)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var entry = rules["indications"]!.AsArray().Single(i => (string?)i!["indication"] == indication)!;
        return entry["holds"]!.AsArray().Single(h => (string?)h!["id"] == id)!.AsObject();
    }

    public string Write(string name, JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Write(name, json.ToJsonString());
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
