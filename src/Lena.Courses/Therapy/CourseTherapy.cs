using System.Text.Json.Serialization;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Courses.Therapy;

/// <summary>One interruption of dosing: from the day it began to the day dosing resumed (null while it lasts).</summary>
public sealed record Interruption(DateOnly From, DateOnly? Until, InterruptionCause Cause);

/// <summary>
/// A course's therapy state: the current dose and schedule, an interruption and its cause, earlier
/// neutropenia interruptions, and every interruption (for the cycle calendar). Stored beside the course
/// and replaced with each timeline event, ETag-conditionally.
/// </summary>
public sealed record CourseTherapy
{
    public required TherapyPhase Phase { get; init; }

    /// <summary>The dose given (or, while interrupted, the dose at interruption); null before any dose.</summary>
    public double? DoseMg { get; init; }
    public DoseFrequency? Frequency { get; init; }
    public DoseSchedule? Schedule { get; init; }
    public DoseAdministration? Administration { get; init; }
    public InterruptionCause? InterruptedFor { get; init; }

    /// <summary>The open hold fired for neutropenia as well as for the recorded thrombocytopenia: it counts as a neutropenia hold on resume.</summary>
    public bool NeutropeniaAlso { get; init; }

    /// <summary>Earlier holds for neutropenia (the current one not counted).</summary>
    public int PreviousNeutropeniaInterruptions { get; init; }

    /// <summary>Day 1 of cycle 1: the therapy start date.</summary>
    public required DateOnly StartDate { get; init; }

    public IReadOnlyList<Interruption> Interruptions { get; init; } = [];

    /// <summary>Cycles the enrollment said were given before the course's calendar (added to it).</summary>
    public int CyclesBeforeCourse { get; init; }

    /// <summary>Maintenance cycles the enrollment said were given before the course's calendar.</summary>
    public int MaintenanceCyclesBeforeCourse { get; init; }

    /// <summary>Date of the newest counts the course was judged on.</summary>
    public DateOnly? LastLabsOn { get; init; }

    /// <summary>The open interruption, if any.</summary>
    [JsonIgnore]
    public Interruption? OpenInterruption => Interruptions.Count > 0 && Interruptions[^1].Until is null ? Interruptions[^1] : null;
}
