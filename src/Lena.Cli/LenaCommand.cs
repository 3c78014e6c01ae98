using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Validation;

namespace Lena.Cli;

/// <summary>
/// <c>lena</c>: the rule maintainers' workbench and an offline way to get the exact API answers.
/// Evaluations write the same bytes the HTTP endpoint returns.
/// </summary>
internal static class LenaCommand
{
    private static readonly Dictionary<string, Concern> Evaluations = new(StringComparer.Ordinal)
    {
        ["dosing"] = Concern.Dosing,
        ["monitoring-schedule"] = Concern.MonitoringSchedule,
        ["vte-prophylaxis"] = Concern.VteProphylaxis,
        ["contraindications"] = Concern.Contraindications,
        ["assess"] = Concern.Assessment,
    };

    public const string Usage = """
        usage:
          lena dosing|monitoring-schedule|vte-prophylaxis|contraindications|assess [--today yyyy-MM-dd] [--rules FILE] [FILE|-]
              Reads a patient snapshot (FILE, or stdin) and writes the JSON body the HTTP endpoint
              returns. Exit 0; invalid input: the problem+json body on stdout, exit 2.
          lena rules validate FILE|-    every problem of a rule-set document; exit 2 when invalid
          lena rules export             the default rule set shipped in this build
          lena rules diff A B           what changed between two rule-set documents, rule by rule
        """;

    public static async Task<int> RunAsync(string[] args, Stream stdin, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (args.Length > 0 && Evaluations.TryGetValue(args[0], out var concern))
            {
                return await EvaluateAsync(concern, args[1..], stdin, stdout).ConfigureAwait(false);
            }

            if (args is ["rules", "validate", var file])
            {
                return await ValidateRulesAsync(file, stdin, stdout).ConfigureAwait(false);
            }

            if (args is ["rules", "export"])
            {
                await WriteAsync(stdout, RuleSetDocument.Serialize(RuleSetDocument.Default)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (args is ["rules", "diff", var left, var right])
            {
                return await DiffRulesAsync(left, right, stdin, stdout).ConfigureAwait(false);
            }

            if (args is ["--help"] or ["-h"] or ["help"])
            {
                await stderr.WriteAsync(Usage).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"lena: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> EvaluateAsync(Concern concern, string[] args, Stream stdin, Stream stdout)
    {
        DateOnly? today = null;
        string? rulesFile = null;
        string? input = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--today":
                    var text = Value(args, ref i);
                    today = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                        ? parsed
                        : throw new UsageException($"--today must be a date as yyyy-MM-dd, not \"{text}\".");
                    if (DateWindows.EvaluationDayProblem(today.Value, DateOnly.FromDateTime(DateTime.UtcNow)) is { } outside)
                    {
                        throw new UsageException($"--today {outside}");
                    }

                    break;
                case "--rules":
                    rulesFile = Value(args, ref i);
                    break;
                case ['-', _, ..] option:
                    throw new UsageException($"unknown option \"{option}\"; the options are --today yyyy-MM-dd and --rules FILE.");
                default:
                    input = input is null ? args[i] : throw new UsageException($"unexpected argument \"{args[i]}\".");
                    break;
            }
        }

        if (rulesFile == "-" && (input ?? "-") == "-")
        {
            throw new UsageException("stdin can carry only one document: with --rules -, give the snapshot as a FILE.");
        }

        var rules = RuleSetDocument.Default;
        if (rulesFile is not null)
        {
            var parsedRules = RuleSetDocument.Parse(await ReadAsync(rulesFile, stdin).ConfigureAwait(false));
            if (!parsedRules.IsValid)
            {
                await WriteAsync(stdout, InvalidRuleSet(parsedRules.Errors).Body).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            rules = parsedRules.RuleSet!;
        }

        var body = await ReadAsync(input ?? "-", stdin).ConfigureAwait(false);
        var answer = ClinicalAnswer.For(concern, body, rules, today ?? DateOnly.FromDateTime(DateTime.UtcNow));
        await WriteAsync(stdout, answer.Body).ConfigureAwait(false);
        return answer.IsSuccess ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static async Task<int> ValidateRulesAsync(string file, Stream stdin, Stream stdout)
    {
        var result = RuleSetDocument.Parse(await ReadAsync(file, stdin).ConfigureAwait(false));
        if (!result.IsValid)
        {
            await WriteAsync(stdout, InvalidRuleSet(result.Errors).Body).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var rules = result.RuleSet!;
        await WriteAsync(stdout, Encoding.UTF8.GetBytes(
            $"valid: rule set {rules.Version}, {rules.Indications.Count} indications, sha256 {RuleSetDocument.ContentHash(rules)}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> DiffRulesAsync(string left, string right, Stream stdin, Stream stdout)
    {
        if (left == "-" && right == "-")
        {
            throw new UsageException("stdin can carry only one document: give at least one side of the diff as a FILE.");
        }

        // Drafts are diffed as they are (no validation), but each side must at least be JSON.
        var errors = new ValidationErrors();
        var a = ParseJson(left, await ReadAsync(left, stdin).ConfigureAwait(false), errors);
        var b = ParseJson(right, await ReadAsync(right, stdin).ConfigureAwait(false), errors);
        if (!errors.IsEmpty)
        {
            await WriteAsync(stdout, InvalidRuleSet(errors).Body).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var lines = RuleSetDiff.Compare(a, b);
        var text = lines.Count == 0 ? "no differences" : string.Join('\n', lines);
        await WriteAsync(stdout, Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The document as a JSON tree; when it is not JSON, a problem keyed by the file it came from.</summary>
    private static JsonNode? ParseJson(string file, byte[] json, ValidationErrors errors)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            errors.Add(file == "-" ? "stdin" : file, $"is not valid JSON{where}.");
            return null;
        }
    }

    private static ClinicalAnswer InvalidRuleSet(ValidationErrors errors) => ClinicalAnswer.Problem(new ProblemDetails
    {
        Type = ProblemTypes.InvalidRuleSet,
        Title = "The rule set is not valid.",
        Status = 400,
        Detail = $"{errors.Count} problem(s) found; see errors.",
        Errors = errors.ToDictionary(),
    });

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value.");

    private static async Task<byte[]> ReadAsync(string file, Stream stdin)
    {
        if (file == "-")
        {
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer).ConfigureAwait(false);
            return buffer.ToArray();
        }

        return File.Exists(file)
            ? await File.ReadAllBytesAsync(file).ConfigureAwait(false)
            : throw new UsageException($"no such file: {file}");
    }

    private static async Task WriteAsync(Stream stdout, byte[] body)
    {
        await stdout.WriteAsync(body).ConfigureAwait(false);
        await stdout.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
    }
}
