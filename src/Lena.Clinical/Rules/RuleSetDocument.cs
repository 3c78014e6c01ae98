using System.Security.Cryptography;
using System.Text.Json;
using Lena.Clinical.Contract;

namespace Lena.Clinical.Rules;

/// <summary>The outcome of reading a rule-set document: the rule set, or every problem with it.</summary>
public sealed record RuleSetParseResult(RuleSet? RuleSet, ValidationErrors Errors)
{
    public bool IsValid => RuleSet is not null && Errors.IsEmpty;
}

/// <summary>
/// Reads, validates, writes and fingerprints rule-set JSON documents, and holds the embedded default.
/// </summary>
public static class RuleSetDocument
{
    private const string DefaultResource = "Lena.Clinical.Rules.lenalidomide.rules.json";
    private static readonly Lazy<RuleSet> LazyDefault = new(LoadDefault);

    /// <summary>The rule set shipped in this build, built from CLINICAL.md (validated on first use).</summary>
    public static RuleSet Default => LazyDefault.Value;

    public static RuleSetParseResult Parse(ReadOnlyMemory<byte> json)
    {
        var errors = new ValidationErrors();
        RuleSet? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RuleSet>(json.Span, LenaJson.Options);
        }
        catch (JsonException ex)
        {
            JsonReadProblem.AddTo(errors, ex);
            return new RuleSetParseResult(null, errors);
        }

        if (rules is null)
        {
            errors.Add("$", "The document is null; send a rule-set object.");
            return new RuleSetParseResult(null, errors);
        }

        RuleSetValidator.Validate(rules, errors);
        return new RuleSetParseResult(errors.IsEmpty ? rules : null, errors);
    }

    public static byte[] Serialize(RuleSet rules) => JsonSerializer.SerializeToUtf8Bytes(rules, LenaJson.Indented);

    /// <summary>SHA-256 of the canonical (compact) serialization, lower-case hex: equal rules, equal hash.</summary>
    public static string ContentHash(RuleSet rules) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(rules, LenaJson.Options)));

    private static RuleSet LoadDefault()
    {
        using var stream = typeof(RuleSetDocument).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded rule set {DefaultResource} is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var result = Parse(buffer.ToArray());
        if (!result.IsValid)
        {
            var problems = string.Join("; ", result.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            throw new InvalidOperationException($"The embedded rule set is invalid: {problems}");
        }

        return result.RuleSet!;
    }
}
