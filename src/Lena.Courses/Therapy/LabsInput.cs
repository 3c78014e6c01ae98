using System.Text.Json;

namespace Lena.Courses.Therapy;

/// <summary>
/// What a portal sends with new results — only what is new: the labs (<c>takenOn</c>, counts), liver
/// tests, renal function now, and the toxicity facts of the snapshot's <c>therapy</c> (fever, days of
/// severe neutropenia, transfusion dependence, another dose-limiting toxicity). Dose, schedule,
/// interruption and cycles come from the course.
/// </summary>
public sealed record LabsInput(JsonElement Labs, JsonElement? Liver = null, JsonElement? Therapy = null, JsonElement? Renal = null);
