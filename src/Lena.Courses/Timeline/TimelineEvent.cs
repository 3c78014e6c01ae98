using System.Text.Json;
using Lena.Courses.Therapy;

namespace Lena.Courses.Timeline;

/// <summary>
/// One entry of a course's append-only timeline: what was decided, on which day, on which inputs and
/// under which rule-set version, and the therapy state it left. Inputs hold clinical values, never the
/// patient id or any other direct identifier.
/// </summary>
public sealed record TimelineEvent
{
    public required int Sequence { get; init; }
    public required TimelineEventType Type { get; init; }

    /// <summary>The clinical day it applies to (labs judged on, dose change effective on, stop day).</summary>
    public required DateOnly On { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RuleSetVersion { get; init; }

    /// <summary>What the decision used: the snapshot evaluated (patient id removed), or the dose change sent.</summary>
    public JsonElement? Inputs { get; init; }

    /// <summary>The dosing decision: <c>dose</c> and the finding codes with their severity; null for a clinician's change or a stop.</summary>
    public JsonElement? Decision { get; init; }
    public string? FollowUpId { get; init; }
    public string? Actor { get; init; }
    public string? Reason { get; init; }

    /// <summary>The therapy state after this event.</summary>
    public required CourseTherapy Therapy { get; init; }
}
