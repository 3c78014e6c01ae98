using Hl7.Fhir.Model;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>
/// Drops resources whose subject names another Patient than the record's, so a mixed-up prefetch or search
/// cannot lend one patient's labs, diagnoses or drugs to another. A subject that names no Patient id
/// (none, urn:uuid, identifier only, a Group) is kept: nothing says it is someone else.
/// </summary>
internal static class PatientScope
{
    public static void Apply(MappingContext context)
    {
        if (context.Record.Patient?.Id is not { Length: > 0 } patientId)
        {
            return; // no single patient to compare with; PatientMapper reports that
        }

        context.Observations = Keep(context, context.Observations, o => o.Subject, "Observation.subject", patientId);
        context.Conditions = Keep(context, context.Conditions, c => c.Subject, "Condition.subject", patientId);
        context.MedicationRequests = Keep(context, context.MedicationRequests, m => m.Subject, "MedicationRequest.subject", patientId);
        context.Allergies = Keep(context, context.Allergies, a => a.Patient, "AllergyIntolerance.patient", patientId);
    }

    /// <summary>The Patient id a reference names: "Patient/1", "https://host/fhir/Patient/1", "Patient/1/_history/2".</summary>
    internal static string? PatientId(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var parts = reference.Split('?')[0].Split('/');
        var index = Array.LastIndexOf(parts, "Patient");
        return index >= 0 && index + 1 < parts.Length && parts[index + 1].Length > 0 ? parts[index + 1] : null;
    }

    private static List<T> Keep<T>(MappingContext context, IReadOnlyList<T> resources, Func<T, ResourceReference?> subject, string element, string patientId)
        where T : Resource
    {
        var kept = new List<T>(resources.Count);
        foreach (var resource in resources)
        {
            var reference = subject(resource)?.Reference;
            if (PatientId(reference) is { } other && other != patientId)
            {
                var name = FhirValues.Reference(resource);
                context.Problem(element, FhirProblemKind.Invalid,
                    $"{name} is about {reference}, not Patient/{patientId}; it was ignored. Send only this patient's resources.",
                    blocking: false, serverCouldResolve: false, name);
                continue;
            }

            kept.Add(resource);
        }

        return kept;
    }
}
