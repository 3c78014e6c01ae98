using Lena.Clinical.Snapshot;

namespace Lena.Courses.Therapy;

/// <summary>A clinician's dose change (API.md <c>POST …/dose-changes</c>); frequency and schedule default to the course's.</summary>
public sealed record DoseChange(DateOnly EffectiveOn, double DoseMg, DoseFrequency? Frequency, DoseSchedule? Schedule, string Reason, string Actor);
