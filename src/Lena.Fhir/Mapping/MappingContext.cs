using System.Text.Json.Nodes;

namespace Lena.Fhir.Mapping;

/// <summary>The snapshot under construction, with what it was built from and what went wrong.</summary>
internal sealed class MappingContext(FhirPatientRecord record, Hl7.Fhir.Model.MedicationRequest? draftOrder, DateOnly today)
{
    public FhirPatientRecord Record { get; } = record;

    public Hl7.Fhir.Model.MedicationRequest? DraftOrder { get; } = draftOrder;

    public DateOnly Today { get; } = today;

    /// <summary>The rule set the snapshot will be evaluated with.</summary>
    public Lena.Clinical.Rules.RuleSet Rules { get; init; } = Lena.Clinical.Rules.RuleSetDocument.Default;

    /// <summary>The record's Observations about this patient (<see cref="PatientScope"/> drops other patients').</summary>
    public IReadOnlyList<Hl7.Fhir.Model.Observation> Observations { get; set; } = record.Observations;

    public IReadOnlyList<Hl7.Fhir.Model.Condition> Conditions { get; set; } = record.Conditions;

    public IReadOnlyList<Hl7.Fhir.Model.MedicationRequest> MedicationRequests { get; set; } = record.MedicationRequests;

    public IReadOnlyList<Hl7.Fhir.Model.AllergyIntolerance> Allergies { get; set; } = record.Allergies;

    public JsonObject Snapshot { get; } = [];

    public List<UsedFhirValue> Used { get; } = [];

    public List<FhirMappingProblem> Problems { get; } = [];

    /// <summary>Puts <paramref name="value"/> at the dotted <paramref name="path"/> and records where it came from.</summary>
    public void Use(string path, JsonNode value, string resource, DateOnly? date, string? code, string? sourceValue = null, string? sourceUnit = null)
    {
        Set(path, value);
        Used.Add(new UsedFhirValue(path, Text(value), sourceValue, sourceUnit, resource, date, code));
    }

    /// <summary>Records a value that informed the snapshot without being a snapshot field (e.g. a negative pregnancy test).</summary>
    public void Report(UsedFhirValue used) => Used.Add(used);

    public void Set(string path, JsonNode value)
    {
        var parts = path.Split('.');
        var node = Snapshot;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }

    public JsonNode? Get(string path)
    {
        JsonNode? node = Snapshot;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    public bool Has(string path) => Get(path) is not null;

    public void Problem(string field, FhirProblemKind kind, string message, bool blocking, bool serverCouldResolve, string? resource = null) =>
        Problems.Add(new FhirMappingProblem(field, kind, message, blocking, serverCouldResolve, resource));

    /// <summary>
    /// A required field: when absent, the problems already reported for it (an unknown unit, say) become
    /// blocking; if there were none, a blocking Missing problem with <paramref name="missingMessage"/>.
    /// </summary>
    public void Require(string field, string missingMessage, bool serverCouldResolve = true)
    {
        if (Has(field))
        {
            return;
        }

        var existing = Problems.Where(p => p.Field == field).ToList();
        if (existing.Count == 0)
        {
            Problem(field, FhirProblemKind.Missing, missingMessage, blocking: true, serverCouldResolve);
            return;
        }

        foreach (var problem in existing.Where(p => !p.Blocking))
        {
            Problems[Problems.IndexOf(problem)] = problem with { Blocking = true };
        }
    }

    private static string Text(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}
