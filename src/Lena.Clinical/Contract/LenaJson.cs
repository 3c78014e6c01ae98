using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lena.Clinical.Contract;

/// <summary>
/// The one set of JSON options every front end (HTTP functions, CLI, tests) uses, so that the
/// same snapshot gives the same bytes everywhere: camelCase names, enums as camelCase strings,
/// ISO dates, unknown properties refused.
/// </summary>
public static class LenaJson
{
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    /// <summary>For documents people read and edit (rule-set export).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            WriteIndented = writeIndented,

            // Output is JSON for APIs, never embedded in HTML: keep µ, – and ≥ readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The camelCase wire name of an enum value.</summary>
    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames<TEnum>.Named.TryGetValue(value, out var name) ? name : Convert(value);

    private static string Convert<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Every declared member's wire name, computed once (evaluators, sorting and telemetry ask for them per request).</summary>
    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Named = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Convert);
    }
}
