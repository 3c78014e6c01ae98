using System.Text.Json;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Courses;

/// <summary>
/// A course enrollment is a monitoring-schedule snapshot that also names the patient: the
/// reminders are addressed by the opaque <c>patientId</c>.
/// </summary>
public static class EnrollmentParser
{
    public static SnapshotParseResult Parse(ReadOnlyMemory<byte> body, RuleSet rules, DateOnly today)
    {
        var result = SnapshotParser.Parse(body, Concern.MonitoringSchedule, rules, today);
        if (!result.Errors.Has("$") && !result.Errors.Has("patientId") && !NamesPatient(body))
        {
            result.Errors.Add("patientId", "is required to enroll a course: the opaque pseudonym the care team's reminders are addressed by (1–64 of A–Z, a–z, 0–9, _ and -).");
        }

        return result.Errors.IsEmpty ? result : result with { Snapshot = null };
    }

    private static bool NamesPatient(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("patientId", out var id)
                && id.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
