using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Tests.Dosing.Support;

/// <summary>
/// The Dosing response as a portal reads it: the <c>dose</c> part, the findings and the derived
/// values, parsed from the JSON body that <see cref="ClinicalAnswer.For(Concern, ReadOnlyMemory{byte}, Lena.Clinical.Rules.RuleSet, DateOnly)"/> returns.
/// </summary>
internal sealed record DosingAnswer
{
    public required string Action { get; init; }
    public double? DoseMg { get; init; }
    public string? Frequency { get; init; }
    public string? Schedule { get; init; }
    public string? Administration { get; init; }
    public int? DoseLevel { get; init; }
    public bool HasResumeWhen { get; init; }
    public int? ResumeAncAtLeast { get; init; }
    public int? ResumePlateletsAtLeast { get; init; }
    public double? ResumeDoseMg { get; init; }
    public required IReadOnlyList<FindingView> Findings { get; init; }
    public double? DerivedCreatinineClearance { get; init; }
    public string? DerivedCreatinineClearanceSource { get; init; }
    public string? DerivedRenalBand { get; init; }
    public required string Body { get; init; }

    /// <summary>Posts the snapshot to the Dosing concern exactly as the HTTP function does.</summary>
    public static DosingAnswer For(SnapshotBuilder snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var answer = ClinicalAnswer.For(Concern.Dosing, snapshot.ToBytes(), RuleSetDocument.Default, SnapshotBuilder.Today);
        var body = System.Text.Encoding.UTF8.GetString(answer.Body);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"Dosing answered {answer.Status} for {snapshot}: {body}");
        }

        return Parse(body);
    }

    public static DosingAnswer Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var dose = root.GetProperty("dose");
        var resumeWhen = Optional(dose, "resumeWhen");
        var derived = root.GetProperty("derived");
        return new DosingAnswer
        {
            Action = dose.GetProperty("action").GetString()!,
            DoseMg = Number(dose, "doseMg"),
            Frequency = Text(dose, "frequency"),
            Schedule = Text(dose, "schedule"),
            Administration = Text(dose, "administration"),
            DoseLevel = (int?)Number(dose, "doseLevel"),
            HasResumeWhen = resumeWhen is not null,
            ResumeAncAtLeast = resumeWhen is { } r1 ? (int?)Number(r1, "ancAtLeastPerMicroliter") : null,
            ResumePlateletsAtLeast = resumeWhen is { } r2 ? (int?)Number(r2, "plateletsAtLeastPerMicroliter") : null,
            ResumeDoseMg = Number(dose, "resumeDoseMg"),
            Findings = root.GetProperty("findings").EnumerateArray().Select(FindingView.From).ToList(),
            DerivedCreatinineClearance = Number(derived, "creatinineClearanceMlPerMin"),
            DerivedCreatinineClearanceSource = Text(derived, "creatinineClearanceSource"),
            DerivedRenalBand = Text(derived, "renalBand"),
            Body = body,
        };
    }

    public FindingView? Finding(string code) => Findings.FirstOrDefault(f => f.Code == code);

    public bool Has(string code) => Finding(code) is not null;

    public override string ToString() => Body;

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static double? Number(JsonElement parent, string name) => Optional(parent, name)?.GetDouble();

    private static string? Text(JsonElement parent, string name) => Optional(parent, name)?.GetString();
}
