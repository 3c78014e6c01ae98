using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Safety;

/// <summary>
/// The one safety gate, over random valid snapshots with random absolute contraindications (pregnancy,
/// hypersensitivity, thalidomide skin reaction, monosomy 7, pembrolizumab) on top of every indication, status,
/// count and renal function: no route may contradict another (API.md, "A contraindicated patient gets no dose").
/// </summary>
public class SafetyGatePropertyTests
{
    private const int Cases = 400;

    /// <summary>The codes that close the gate: the rule set's absolute contraindications and the renal "not recommended" cell.</summary>
    private static readonly HashSet<string> GateCodes =
    [
        .. RuleSetDocument.Default.Contraindications.Where(r => r.Absolute).Select(r => r.Finding.Code),
        Lena.Clinical.Contraindications.DoseGate.RenalNotRecommendedCode,
    ];

    private sealed record Gate(bool Pregnant, bool Hypersensitivity, bool SkinReaction, bool Pembrolizumab);

    private static readonly Gen<(DosingScenario Scenario, Gate Gate)> Cases_ =
        from scenario in DosingScenario.Generator
        from pregnant in Rare()
        from hypersensitivity in Rare()
        from skin in Rare()
        from pembrolizumab in Rare()
        select (scenario, new Gate(pregnant, hypersensitivity, skin, pembrolizumab));

    private static Gen<bool> Rare() => Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)));

    private static SnapshotBuilder Snapshot(DosingScenario scenario, Gate gate)
    {
        var snapshot = scenario.ToSnapshot();
        if (gate.Pregnant)
        {
            snapshot.Female().With("femaleOfReproductivePotential", true).With("pregnant", true);
        }

        snapshot.With("history", new JsonObject { ["lenalidomideHypersensitivity"] = gate.Hypersensitivity, ["severeSkinReactionToThalidomide"] = gate.SkinReaction });
        if (gate.Pembrolizumab)
        {
            snapshot.With("concomitantMedications", new JsonArray("pembrolizumab"));
        }

        return snapshot;
    }

    private static JsonElement Post(Concern concern, SnapshotBuilder snapshot)
    {
        var answer = ClinicalAnswer.For(concern, snapshot.ToBytes(), RuleSetDocument.Default, SnapshotBuilder.Today);
        Assert.True(answer.IsSuccess, $"{concern} answered {answer.Status} for {snapshot}: {System.Text.Encoding.UTF8.GetString(answer.Body)}");
        return JsonDocument.Parse(answer.Body).RootElement;
    }

    private static string[] Codes(JsonElement body) =>
        [.. body.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!)];

    [Property(MaxTest = Cases)]
    public Property ContraindicatedExactlyWhenNoRouteGivesADose() =>
        Prop.ForAll(Arb.From(Cases_), c =>
        {
            var snapshot = Snapshot(c.Scenario, c.Gate);
            var contraindicated = Post(Concern.Contraindications, snapshot).GetProperty("status").GetString() == "contraindicated";

            var dosing = Post(Concern.Dosing, snapshot);
            var gateClosedInDosing = dosing.GetProperty("dose").GetProperty("action").GetString() == "notRecommended"
                && Codes(dosing).Any(GateCodes.Contains);
            Assert.True(contraindicated == gateClosedInDosing, $"contraindications says {contraindicated}, dosing {dosing}: {snapshot}");

            var assessment = Post(Concern.Assessment, snapshot);
            Assert.Equal(contraindicated, assessment.GetProperty("status").GetString() == "contraindicated");
            Assert.Equal(contraindicated, assessment.GetProperty("dose").GetProperty("action").GetString() == "notRecommended" && Codes(assessment).Any(GateCodes.Contains));
            Assert.Equal(contraindicated, assessment.GetProperty("prophylaxis").GetProperty("recommendation").GetString() == "notApplicable");

            var vte = Post(Concern.VteProphylaxis, snapshot);
            Assert.Equal(contraindicated, vte.GetProperty("prophylaxis").GetProperty("recommendation").GetString() == "notApplicable");

            // The parts of the assessment are the single-route answers: no route says more or less.
            Assert.Equal(dosing.GetProperty("dose").GetRawText(), assessment.GetProperty("dose").GetRawText());
            Assert.Equal(vte.GetProperty("prophylaxis").GetRawText(), assessment.GetProperty("prophylaxis").GetRawText());
        });

    [Property(MaxTest = Cases)]
    public Property AnyAbsoluteContraindicationClosesTheGate() =>
        Prop.ForAll(Arb.From(Cases_), c =>
        {
            var mds = c.Scenario.Indication is "mdsDel5q" or "mdsNonDel5q";
            var myeloma = c.Scenario.Indication is "multipleMyeloma" or "multipleMyelomaMaintenance";
            var absolute = c.Gate.Pregnant || c.Gate.Hypersensitivity || c.Gate.SkinReaction
                || (mds && c.Scenario.Monosomy7) || (myeloma && c.Gate.Pembrolizumab);
            if (!absolute)
            {
                return;
            }

            var dosing = Post(Concern.Dosing, Snapshot(c.Scenario, c.Gate));
            Assert.Equal("notRecommended", dosing.GetProperty("dose").GetProperty("action").GetString());
            Assert.Contains(Codes(dosing), GateCodes.Contains);
        });
}
