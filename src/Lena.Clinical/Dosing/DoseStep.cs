using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Dosing;

/// <summary>A concrete dose with its place on the indication's ladder.</summary>
/// <param name="LadderIndex">Index into the ladder; the ladder's length for a renal dose below every step.</param>
internal sealed record DoseStep(double DoseMg, DoseFrequency Frequency, DoseSchedule Schedule, DoseAdministration? Administration, int LadderIndex, int Level);
