using System.Text.Json.Nodes;
using Lena.CdsHooks.Discovery;

namespace Lena.CdsHooks.Tests.Support;

/// <summary>
/// CDS Hooks requests built from the FHIR Bundle fixtures: the draft order goes to
/// context.draftOrders, everything else into the prefetch key its template would have fetched.
/// </summary>
internal static class CdsRequests
{
    public const string HookInstance = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

    public static JsonObject Bundle(string fixture) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Fhir", fixture + ".json")))!;

    public static JsonObject FromFixture(string fixture, string hook = LenaCdsServices.OrderSignHook, string draftId = "draft-len", params string[] omitKeys)
    {
        var bundle = Bundle(fixture);
        var resources = ((JsonArray)bundle["entry"]!).Select(e => (JsonObject)e!["resource"]!.DeepClone()).ToList();
        var draft = resources.Where(r => (string?)r["id"] == draftId).ToList();
        if (draft.Count == 0)
        {
            draft.Add(Renewal(resources, draftId));
        }

        var rest = resources.Except(draft).ToList();
        var patient = rest.FirstOrDefault(r => (string?)r["resourceType"] == "Patient");

        var prefetch = new JsonObject
        {
            [PrefetchTemplates.Patient] = patient?.DeepClone(),
            [PrefetchTemplates.Conditions] = SearchSet(rest, "Condition"),
            [PrefetchTemplates.Observations] = SearchSet(rest, "Observation"),
            [PrefetchTemplates.Medications] = SearchSet(rest, "MedicationRequest", "Medication"),
            [PrefetchTemplates.Allergies] = SearchSet(rest, "AllergyIntolerance"),
        };
        foreach (var key in omitKeys)
        {
            prefetch.Remove(key);
        }

        var context = new JsonObject
        {
            ["userId"] = "PractitionerRole/123",
            ["patientId"] = (string?)patient?["id"] ?? "unknown",
            ["draftOrders"] = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["type"] = "collection",
                ["entry"] = new JsonArray([.. draft.Select(d => (JsonNode)new JsonObject { ["resource"] = d })]),
            },
        };
        if (hook == LenaCdsServices.OrderSelectHook)
        {
            context["selections"] = new JsonArray([.. draft.Select(d => (JsonNode)JsonValue.Create("MedicationRequest/" + (string?)d["id"])!)]);
        }

        return new JsonObject
        {
            ["hook"] = hook,
            ["hookInstance"] = HookInstance,
            ["context"] = context,
            ["prefetch"] = prefetch,
        };
    }

    /// <summary>
    /// A fixture without a draft order is a patient already on lenalidomide (or about to be): the
    /// draft is then the renewal of the current order, or a plain 10 mg daily order by ingredient.
    /// </summary>
    private static JsonObject Renewal(List<JsonObject> resources, string draftId)
    {
        var current = resources.FirstOrDefault(r => (string?)r["id"] == "mr-len");
        var draft = current is null
            ? (JsonObject)JsonNode.Parse("""
                {"resourceType":"MedicationRequest","status":"draft","intent":"order",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"342369","display":"lenalidomide"}]},
                 "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                   "doseAndRate":[{"doseQuantity":{"value":10,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}]}
                """)!
            : (JsonObject)current.DeepClone();
        draft["id"] = draftId;
        draft["status"] = "draft";
        return draft;
    }

    public static JsonObject SearchSet(IEnumerable<JsonObject> resources, params string[] types) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources
            .Where(r => types.Contains((string?)r["resourceType"]))
            .Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]),
    };
}
