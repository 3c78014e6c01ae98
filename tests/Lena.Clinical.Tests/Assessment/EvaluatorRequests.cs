using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Tests.Evaluators;

/// <summary>
/// Builds request bodies and calls <see cref="ClinicalAnswer.For(Concern, ReadOnlyMemory{byte}, Lena.Clinical.Rules.RuleSet, DateOnly)"/> the way a front end does,
/// returning the parsed response so tests can assert on the wire contract.
/// </summary>
internal static class EvaluatorRequests
{
    /// <summary>The evaluation date of every test unless a test says otherwise.</summary>
    public static readonly DateOnly Today = new(2026, 11, 20);

    /// <summary>
    /// A complete, valid snapshot for every concern: a 60-year-old man with multiple myeloma,
    /// normal renal function, starting therapy on 2026-11-23, no risk factors.
    /// </summary>
    public static JsonObject Patient(string indication = "multipleMyeloma") => new()
    {
        ["indication"] = indication,
        ["sex"] = "male",
        ["ageYears"] = 60,
        ["weightKg"] = 70,
        ["heightCm"] = 175,
        ["renal"] = new JsonObject { ["creatinineClearanceMlPerMin"] = 90 },
        ["therapy"] = new JsonObject { ["status"] = "starting", ["startDate"] = "2026-11-23" },
    };

    /// <summary>A woman of reproductive potential, otherwise as <see cref="Patient"/>.</summary>
    public static JsonObject Woman(string indication = "multipleMyeloma", bool reproductivePotential = true) =>
        Patient(indication).Set("sex", "female").Set("femaleOfReproductivePotential", reproductivePotential);

    /// <summary>Sets a value at a dotted path ("labs.plateletsPerMicroliter"), creating objects on the way.</summary>
    public static JsonObject Set(this JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                next = [];
                target[part] = next;
            }

            target = next;
        }

        target[parts[^1]] = value;
        return body;
    }

    /// <summary>Removes the value at a dotted path.</summary>
    public static JsonObject Without(this JsonObject body, string path)
    {
        var parts = path.Split('.');
        JsonObject? target = body;
        foreach (var part in parts[..^1])
        {
            target = target?[part] as JsonObject;
        }

        target?.Remove(parts[^1]);
        return body;
    }

    public static JsonObject Labs(this JsonObject body, int anc, int platelets, string takenOn = "2026-11-19") =>
        body.Set("labs", new JsonObject { ["takenOn"] = takenOn, ["ancPerMicroliter"] = anc, ["plateletsPerMicroliter"] = platelets });

    /// <summary>
    /// The two negative REMS pregnancy tests before a first dose on <see cref="Today"/> (12 days before it, and on the
    /// day): a woman of reproductive potential who may start today.
    /// </summary>
    public static JsonObject StartingTodayWithPregnancyTests(this JsonObject body) => body
        .Set("therapy.startDate", "2026-11-20")
        .Set("pregnancyTests", new JsonArray(
            new JsonObject { ["takenOn"] = "2026-11-08", ["result"] = "negative" },
            new JsonObject { ["takenOn"] = "2026-11-20", ["result"] = "negative" }));

    public static JsonObject Medications(this JsonObject body, params string[] names) =>
        body.Set("concomitantMedications", new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()));

    public static Reply Post(Concern concern, JsonNode body, RuleSet? rules = null, DateOnly? today = null) =>
        PostRaw(concern, body.ToJsonString(), rules, today);

    public static Reply PostRaw(Concern concern, string body, RuleSet? rules = null, DateOnly? today = null)
    {
        var answer = ClinicalAnswer.For(concern, Encoding.UTF8.GetBytes(body), rules ?? RuleSetDocument.Default, today ?? Today);
        using var document = JsonDocument.Parse(answer.Body);
        return new Reply(answer.Status, answer.ContentType, document.RootElement.Clone(), answer.Body);
    }
}

/// <summary>A parsed answer with accessors for the parts tests look at.</summary>
internal sealed record Reply(int Status, string ContentType, JsonElement Body, byte[] Bytes)
{
    /// <summary>The body of a 200, or a failure that shows the problem.</summary>
    public JsonElement Ok
    {
        get
        {
            Assert.True(Status == 200, $"Expected 200, got {Status}: {Body}");
            return Body;
        }
    }

    /// <summary>The problem's <c>errors</c> of a 400, by JSON path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors
    {
        get
        {
            Assert.True(Status == 400, $"Expected 400, got {Status}: {Body}");
            return Body.GetProperty("errors").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
        }
    }

    /// <summary>The messages at one path of a 400; fails when the path has none.</summary>
    public string ErrorAt(string path)
    {
        var errors = Errors;
        Assert.True(errors.ContainsKey(path), $"No error at '{path}'; errors: {string.Join(" | ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        return string.Join(" ", errors[path]);
    }

    public IReadOnlyList<string> FindingCodes => Ok.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToList();

    public JsonElement? Finding(string code) =>
        Ok.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("code").GetString() == code).Select(f => (JsonElement?)f).FirstOrDefault();

    public string Verdict => Ok.GetProperty("status").GetString()!;
}
