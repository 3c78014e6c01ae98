using System.Text.Json;
using Hl7.Fhir.Model;
using Lena.Fhir.Reading;

namespace Lena.Fhir;

/// <summary>The collected FHIR resources of one patient (prefetch, draft orders, later searches).</summary>
public sealed class FhirPatientRecord
{
    private readonly IReadOnlyList<Resource> _resources;

    private FhirPatientRecord(IReadOnlyList<Resource> resources)
    {
        _resources = resources;
        Patients = resources.OfType<Patient>().ToList();
        Observations = resources.OfType<Observation>().ToList();
        Conditions = resources.OfType<Condition>().ToList();
        MedicationRequests = resources.OfType<MedicationRequest>().ToList();
        Allergies = resources.OfType<AllergyIntolerance>().ToList();
        Medications = resources.OfType<Medication>()
            .Concat(MedicationRequests.SelectMany(r => r.Contained.OfType<Medication>()))
            .ToList();
    }

    public static FhirPatientRecord Empty { get; } = new([]);

    /// <summary>The patient, when the record holds exactly one (several distinct patients are a mapping problem).</summary>
    public Patient? Patient => Patients.Count == 1 ? Patients[0] : null;

    /// <summary>Every Patient resource read; more than one means the documents mix patients.</summary>
    public IReadOnlyList<Patient> Patients { get; }

    public IReadOnlyList<Observation> Observations { get; }

    public IReadOnlyList<Condition> Conditions { get; }

    public IReadOnlyList<MedicationRequest> MedicationRequests { get; }

    /// <summary>Medications for medicationReference: top-level ones and those contained in a MedicationRequest.</summary>
    public IReadOnlyList<Medication> Medications { get; }

    public IReadOnlyList<AllergyIntolerance> Allergies { get; }

    /// <summary>Builds the deserializer's caches; the function app calls this at start-up.</summary>
    public static void WarmUp() => FhirJson.WarmUp();

    /// <summary>
    /// Flattens Bundles (entry.resource) and deserializes each resource on its own, so one broken resource
    /// costs only itself. Failures become problems (Location + message), never exceptions.
    /// </summary>
    public static FhirRecordRead Read(IEnumerable<FhirDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var resources = new List<Resource>();
        var problems = new List<FhirMappingProblem>();
        foreach (var document in documents)
        {
            foreach (var (location, json) in Flatten(document.Location, document.Json, problems))
            {
                ReadOne(location, json, resources, problems);
            }
        }

        return new FhirRecordRead(new FhirPatientRecord(Deduplicate(resources)), problems);
    }

    /// <summary>The union of both records; a resource already here (same type and id) is kept.</summary>
    public FhirPatientRecord With(FhirPatientRecord more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return new FhirPatientRecord(Deduplicate(_resources.Concat(more._resources)));
    }

    private static IEnumerable<(string Location, JsonElement Json)> Flatten(string location, JsonElement json, List<FhirMappingProblem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Unreadable(location, "is not a JSON object; send a FHIR resource or Bundle."));
            yield break;
        }

        if (!json.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
        {
            problems.Add(Unreadable(location, "has no resourceType; send a FHIR R4 resource or Bundle."));
            yield break;
        }

        if (type.GetString() != "Bundle")
        {
            yield return (location, json);
            yield break;
        }

        if (!json.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            yield break; // an empty searchset
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var entryLocation = $"{location}.entry[{index++}]";
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource))
            {
                // OperationOutcome entries of a searchset (search mode "outcome") carry no patient data.
                foreach (var inner in Flatten(entryLocation + ".resource", resource, problems))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The resource types the record exposes; nothing else of a patient's data is read by the mapping.</summary>
    private static readonly HashSet<string> Used = new(StringComparer.Ordinal)
    {
        nameof(Patient), nameof(Observation), nameof(Condition), nameof(MedicationRequest), nameof(AllergyIntolerance), nameof(Medication),
    };

    private static void ReadOne(string location, JsonElement json, List<Resource> resources, List<FhirMappingProblem> problems)
    {
        // A valid R4 type the record never exposes (the spec's diet NutritionOrder among the draft orders) is not
        // deserialised: it could not change an answer, and Firely's reading is most of a CDS call's cost (issue 15).
        // Unknown types are still read, so a wrong resourceType is still reported.
        var type = json.GetProperty("resourceType").GetString()!;
        if (!Used.Contains(type) && ModelInfo.IsKnownResource(type))
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
        if (!FhirJson.TryRead(bytes, out var resource, out var error) || resource is null)
        {
            problems.Add(Unreadable(location, $"could not be read as FHIR R4 ({error}); it was ignored."));
            return;
        }

        var overflow = OverflowFinder.Find(resource);
        var wrongShape = overflow.Where(OverflowFinder.IsWrongShape).ToList();
        if (wrongShape.Count > 0)
        {
            // Its typed properties would throw when read: the resource is unusable, as if it could not be read at all.
            problems.Add(Unreadable(location, $"({resource.TypeName}/{resource.Id}) has elements of the wrong shape: {string.Join(", ", wrongShape)}; the resource was ignored. Correct it at the source."));
            return;
        }

        if (overflow.Count > 0)
        {
            problems.Add(new FhirMappingProblem(
                overflow[0].Split(' ')[0],
                FhirProblemKind.Invalid,
                $"{location} ({resource.TypeName}/{resource.Id}) has elements that are not valid FHIR R4: {string.Join(", ", overflow)}. They were ignored; the rest of the resource was used. Correct them at the source.",
                Blocking: false,
                ServerCouldResolve: false,
                $"{resource.TypeName}/{resource.Id}"));
        }

        resources.Add(resource);
    }

    private static FhirMappingProblem Unreadable(string location, string message) =>
        new(location, FhirProblemKind.Invalid, $"{location} {message}", Blocking: false, ServerCouldResolve: false, Resource: null);

    private static List<Resource> Deduplicate(IEnumerable<Resource> resources)
    {
        var seen = new HashSet<(string, string)>();
        var kept = new List<Resource>();
        foreach (var resource in resources)
        {
            if (string.IsNullOrEmpty(resource.Id) || seen.Add((resource.TypeName, resource.Id)))
            {
                kept.Add(resource);
            }
        }

        return kept;
    }
}
