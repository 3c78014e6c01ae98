using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using LenaFunctions.Telemetry;
using LenaFunctions.Tests.Support;

namespace LenaFunctions.Tests.Telemetry;

/// <summary>
/// The evaluation span on the <c>Lena</c> source carries codes and versions only: concern,
/// indication, rule-set version, finding codes and a salted patient hash, never the patient id or a lab value.
/// </summary>
public sealed class EvaluationSpanTests : IDisposable
{
    private const string PatientId = "pt-telemetry-7731";
    private const int Anc = 1870;
    private const int Platelets = 143000;
    private const int BaselineAnc = 2210;

    private const string TestSourceName = "LenaFunctions.Tests.Telemetry";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public EvaluationSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is LenaTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Theory]
    [InlineData(Concern.Dosing)]
    [InlineData(Concern.Assessment)]
    public async Task TheEvaluationSpanHasCodesAndAHashButNoIdentifierOrLabValue(Concern concern)
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root =>
        {
            root["patientId"] = PatientId;
            root["labs"]!["ancPerMicroliter"] = Anc;
            root["labs"]!["plateletsPerMicroliter"] = Platelets;
            root["labs"]!["baselineAncPerMicroliter"] = BaselineAnc;
        });
        var expected = ClinicalAnswer.For(concern, body, RuleSetDocument.Default, TestApp.Today);

        Activity span;
        using (var test = TestSource.StartActivity("test"))
        {
            Assert.NotNull(test);
            var response = await app.PostClinicalAsync(concern, body);
            Assert.Equal(200, response.Status());
            span = SpanOf(test.TraceId);
        }

        Assert.Equal("lena.evaluate " + LenaJson.WireName(concern), span.OperationName);
        Assert.Equal(LenaJson.WireName(concern), span.GetTagItem("lena.concern"));
        Assert.Equal("multipleMyeloma", span.GetTagItem("lena.indication"));
        Assert.Equal(RuleSetDocument.Default.Version, span.GetTagItem("lena.rule_set.version"));
        Assert.Equal("ok", span.GetTagItem("lena.outcome"));
        var codes = Assert.IsType<string[]>(span.GetTagItem("lena.finding_codes"));
        Assert.NotEmpty(codes);
        Assert.Equal(expected.Response!.Findings.Select(f => f.Code), codes);

        var hash = Assert.IsType<string>(span.GetTagItem("lena.patient.hash"));
        Assert.NotEqual(PatientId, hash);
        Assert.Equal(app.Hasher.Hash(PatientId), hash);
        Assert.Matches("^[0-9a-f]{16}$", hash);

        string[] forbidden = [PatientId, .. new[] { Anc, Platelets, BaselineAnc }.Select(v => v.ToString(CultureInfo.InvariantCulture))];
        foreach (var (key, value) in span.TagObjects)
        {
            var text = Flatten(value);
            Assert.All(forbidden, f => Assert.False(text.Contains(f, StringComparison.Ordinal), $"tag {key} = {text} contains {f}"));
        }
    }

    [Fact]
    public async Task AnInvalidRequestIsRecordedAsInvalidWithoutFindings()
    {
        using var app = TestApp.Seeded();
        var body = Snapshots.Modify(root =>
        {
            root["patientId"] = PatientId;
            root["labs"]!["plateletsPerMicroliter"] = 42;
        });

        Activity span;
        using (var test = TestSource.StartActivity("test"))
        {
            Assert.NotNull(test);
            var response = await app.PostClinicalAsync(Concern.Dosing, body);
            Assert.Equal(400, response.Status());
            span = SpanOf(test.TraceId);
        }

        Assert.Equal("invalid", span.GetTagItem("lena.outcome"));
        Assert.Null(span.GetTagItem("lena.patient.hash"));
        Assert.Null(span.GetTagItem("lena.finding_codes"));
        Assert.DoesNotContain(span.TagObjects, t => Flatten(t.Value).Contains(PatientId, StringComparison.Ordinal));
    }

    private Activity SpanOf(ActivityTraceId traceId)
    {
        lock (_stopped)
        {
            return Assert.Single(_stopped, a => a.Source.Name == LenaTelemetry.Name && a.TraceId == traceId);
        }
    }

    private static string Flatten(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IEnumerable items => string.Join("|", items.Cast<object?>().Select(Flatten)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
