using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Benchmarks;

/// <summary>The snapshots the benchmarks run on: API.md's example and an on-treatment hold.</summary>
public static class Inputs
{
    /// <summary>After the sample's labs (2026-11-20), before its start (2026-11-23).</summary>
    public static readonly DateOnly Today = new(2026, 11, 21);

    public const string StartingRenal = "start-renal";
    public const string OnTreatmentHold = "onTx-hold";

    public static IEnumerable<string> Benchmarked => [StartingRenal, OnTreatmentHold];

    /// <summary>samples/patient.json: multiple myeloma, starting, CrCl 52 (renal start at 10 mg).</summary>
    public static byte[] Sample { get; } = Resource("Lena.Benchmarks.patient.json");

    public static byte[] Bytes(string name) => name switch
    {
        StartingRenal => Sample,
        OnTreatmentHold => Edit(s =>
        {
            s["renal"]!["creatinineClearanceMlPerMin"] = 75;
            s["labs"]!["ancPerMicroliter"] = 1400;
            s["labs"]!["plateletsPerMicroliter"] = 20000;
            s["therapy"]!["status"] = "onTreatment";
            s["therapy"]!["startDate"] = "2026-10-01";
            s["therapy"]!["currentDoseMg"] = 25;
            s["therapy"]!["daysOnTherapy"] = 51;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>More multiple-myeloma cases, used only to check the RulesEngine workflow against DosingEvaluator.</summary>
    public static IEnumerable<(string Name, byte[] Snapshot)> EquivalenceCases()
    {
        foreach (var name in Benchmarked)
        {
            yield return (name, Bytes(name));
        }

        yield return ("starting CrCl 60", Edit(s => s["renal"]!["creatinineClearanceMlPerMin"] = 60));
        yield return ("starting CrCl 25", Edit(s => s["renal"]!["creatinineClearanceMlPerMin"] = 25));
        yield return ("starting on dialysis", Edit(s => s["renal"] = new JsonObject { ["creatinineClearanceMlPerMin"] = 12, ["onDialysis"] = true }));
        yield return ("starting with ANC 900 (defer)", Edit(s => s["labs"]!["ancPerMicroliter"] = 900));
        yield return ("starting with platelets 24000 (defer)", Edit(s => s["labs"]!["plateletsPerMicroliter"] = 24000));
        foreach (var (dose, crCl, anc, platelets, previous) in new (double, double, int, int, int)[]
        {
            (25, 75, 1800, 140000, 0), // continue
            (25, 45, 1800, 140000, 0), // continue, capped to the renal dose
            (15, 25, 1800, 140000, 0), // continue every 48 hours
            (20, 75, 900, 140000, 0),  // first neutropenia: resume at the same dose
            (20, 75, 400, 140000, 1),  // again: one step lower
            (10, 75, 900, 20000, 0),   // both: one step lower, both thresholds
            (2.5, 75, 1800, 20000, 0), // at the floor
            (25, 45, 900, 140000, 0),  // resume dose capped by the renal band
        })
        {
            yield return ($"onTreatment {dose} mg, CrCl {crCl}, ANC {anc}, platelets {platelets}, previous {previous}", Edit(s =>
            {
                s["renal"]!["creatinineClearanceMlPerMin"] = crCl;
                s["labs"]!["ancPerMicroliter"] = anc;
                s["labs"]!["plateletsPerMicroliter"] = platelets;
                s["therapy"]!["status"] = "onTreatment";
                s["therapy"]!["startDate"] = "2026-10-01";
                s["therapy"]!["currentDoseMg"] = dose;
                s["therapy"]!["daysOnTherapy"] = 51;
                s["therapy"]!["previousNeutropeniaInterruptions"] = previous;
            }));
        }
    }

    /// <summary>Where the rule set comes from: the build's embedded document, or storage as the worker reads it.</summary>
    public const string EmbeddedRules = "embedded";
    public const string StoredRules = "stored";

    /// <summary>
    /// The embedded rule set, or the same rule set built exactly as the worker builds it: split into
    /// the sections it is published as, joined back and parsed (<c>TableRuleStore.GetVersionAsync</c>).
    /// </summary>
    public static RuleSet Rules(string source) => source switch
    {
        EmbeddedRules => RuleSetDocument.Default,
        StoredRules => Stored.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown rule source."),
    };

    private static readonly Lazy<RuleSet> Stored = new(() =>
    {
        var rules = RuleSetDocument.Default;
        var read = Lena.Storage.Rules.RuleSetSections.Read(rules.Version, rules.Description, Lena.Storage.Rules.RuleSetSections.Split(rules));
        return read.IsValid ? read.RuleSet! : throw new InvalidOperationException("The stored form of the default rule set does not validate.");
    });

    public static PatientSnapshot Parse(byte[] snapshot, Concern concern)
    {
        var parsed = SnapshotParser.Parse(snapshot, concern, RuleSetDocument.Default, Today);
        return parsed.IsValid
            ? parsed.Snapshot!
            : throw new InvalidOperationException("Benchmark input is invalid: " + string.Join("; ", parsed.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    public static PatientContext Context(byte[] snapshot, Concern concern) =>
        PatientContext.Create(Parse(snapshot, concern), RuleSetDocument.Default, Today);

    private static byte[] Edit(Action<JsonObject> edit)
    {
        var snapshot = JsonNode.Parse(Sample)!.AsObject();
        edit(snapshot);
        return System.Text.Encoding.UTF8.GetBytes(snapshot.ToJsonString());
    }

    public static byte[] Resource(string name)
    {
        using var stream = typeof(Inputs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
