using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Courses;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Courses.Cycles;

namespace Lena.Courses.Therapy;

/// <summary>
/// Judges new results against a course: the enrollment snapshot, the course's therapy state (dose,
/// schedule, interruption and cause, earlier neutropenia holds, cycles from its calendar) and what is
/// new, evaluated by the clinical core exactly as <c>POST /api/dosing</c> evaluates a snapshot.
/// </summary>
public static class CourseEvaluation
{
    /// <summary>The snapshot's <c>therapy</c> fields a portal may send with results: facts of this moment, not state the course keeps.</summary>
    public static readonly IReadOnlySet<string> ToxicityFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "fever38_5C", "ancBelow500ForDays", "ancBelow1000ForDays", "plateletTransfusionDependent", "otherDoseLimitingToxicity",
    };

    /// <summary>The dosing answer for <paramref name="input"/> on <paramref name="on"/> (the answer's "today"), and the snapshot it judged.</summary>
    public static (ClinicalAnswer Answer, JsonElement? Inputs) Judge(CourseRecord course, CourseTherapy therapy, LabsInput input, RuleSet rules, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(therapy);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        if (input.Therapy is { ValueKind: JsonValueKind.Object } sent)
        {
            foreach (var property in sent.EnumerateObject().Where(p => !ToxicityFields.Contains(p.Name)))
            {
                errors.Add("therapy." + property.Name, "is kept by the course (its therapy state: dose, schedule, interruption, cycles); send only what is new. A clinician's dose change is POST /api/courses/{courseId}/dose-changes.");
            }
        }

        if (!errors.IsEmpty)
        {
            return (ClinicalAnswer.Problem(ProblemDetails.Validation(errors)) with { Errors = errors }, null);
        }

        var dosing = therapy.Phase is TherapyPhase.OnTreatment or TherapyPhase.Interrupted ? therapy.DoseMg : null;
        var json = CompletionSnapshot.Merge(course.SnapshotJson, input.Labs, TherapyFields(course, therapy, input.Therapy, on), input.Renal, on, dosing, input.Liver);
        var merged = SnapshotParser.Read(json);
        if (merged.Snapshot is not { } snapshot)
        {
            return (ClinicalAnswer.Problem(ProblemDetails.Validation(merged.Errors)) with { Errors = merged.Errors }, null);
        }

        return (ClinicalAnswer.For(Concern.Dosing, snapshot, rules, on), WithoutPatientId(json));
    }

    /// <summary>Cycles completed on <paramref name="on"/>: the course's calendar plus those the enrollment said were given before it.</summary>
    public static int CyclesCompleted(CourseTherapy therapy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(therapy);
        return therapy.CyclesBeforeCourse + CycleCalendar.CyclesCompleted(therapy.StartDate, therapy.Interruptions, on);
    }

    /// <summary>The decision as the timeline records it: the dose and the finding codes with their severity.</summary>
    public static JsonElement Decision(DosingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonSerializer.SerializeToElement(
            new { dose = response.Dose, findings = response.Findings.Select(f => new { code = f.Code, severity = f.Severity }).ToArray() },
            LenaJson.Options);
    }

    /// <summary>The inputs as the timeline records them: the snapshot judged, as JSON, without the patient id.</summary>
    private static JsonElement WithoutPatientId(JsonElement snapshot)
    {
        var root = JsonNode.Parse(snapshot.GetRawText())!.AsObject();
        root.Remove("patientId");
        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonElement TherapyFields(CourseRecord course, CourseTherapy therapy, JsonElement? sent, DateOnly on)
    {
        var fields = new JsonObject();
        if (sent is { ValueKind: JsonValueKind.Object } toxicity)
        {
            foreach (var property in toxicity.EnumerateObject())
            {
                fields[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        switch (therapy.Phase)
        {
            case TherapyPhase.OnTreatment:
                fields["status"] = LenaJson.WireName(TherapyStatus.OnTreatment);
                fields["interruptedFor"] = null;
                break;
            case TherapyPhase.Interrupted:
                fields["status"] = LenaJson.WireName(TherapyStatus.Interrupted);
                fields["interruptedFor"] = LenaJson.WireName(therapy.InterruptedFor ?? InterruptionCause.OtherToxicity);
                break;
            default:
                // No dose given (a deferred or not recommended start): the labs are judged as a start, so the
                // dose gate answers as on every other route.
                fields["status"] = LenaJson.WireName(TherapyStatus.Starting);
                fields["currentDoseMg"] = null;
                fields["interruptedFor"] = null;
                break;
        }

        if (therapy.Phase is TherapyPhase.OnTreatment or TherapyPhase.Interrupted)
        {
            fields["currentDoseMg"] = therapy.DoseMg;
            if (therapy.Schedule is { } schedule)
            {
                fields["currentSchedule"] = LenaJson.WireName(schedule);
            }
        }

        fields["previousNeutropeniaInterruptions"] = therapy.PreviousNeutropeniaInterruptions;
        var cycles = CyclesCompleted(therapy, on);
        fields["cyclesCompleted"] = cycles;
        if (course.Indication == LenaJson.WireName(Indication.MultipleMyelomaMaintenance))
        {
            fields["maintenanceCyclesCompleted"] = therapy.MaintenanceCyclesBeforeCourse + CycleCalendar.CyclesCompleted(therapy.StartDate, therapy.Interruptions, on);
        }

        return JsonSerializer.SerializeToElement(fields);
    }
}
