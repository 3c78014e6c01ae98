using Lena.Clinical.Contract;

namespace Lena.Courses.Timeline;

/// <summary>
/// What a writer decided from the state it read: an event to append (its sequence and the state after
/// it are filled in by the timeline), or an answer with no event (a 400 on the inputs, a refusal, a replay).
/// </summary>
public sealed record AppendStep(TimelineEvent? Event, ClinicalAnswer? Answer = null, ProblemDetails? Refusal = null);
