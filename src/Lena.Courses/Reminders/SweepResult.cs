namespace Lena.Courses.Reminders;

/// <summary>What one sweep did: reminders sent, agenda entries (courses) looked at, days walked, plans extended (or not, to retry tomorrow), entries kept for a later sweep.</summary>
public sealed record SweepResult(int Sent, int Examined, int Days, int PlansExtended, int Skipped, int ExtensionFailures = 0);
