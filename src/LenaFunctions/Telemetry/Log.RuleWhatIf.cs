using Microsoft.Extensions.Logging;

namespace LenaFunctions.Telemetry;

/// <summary>What-if log lines: versions and counts only, never a snapshot's content or identifier.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "What-if of draft {DraftVersion} against {ActiveVersion}: {ChangedCount} of {SnapshotCount} answers change, in {ElapsedMs} ms")]
    public static partial void EvaluatedWhatIf(this ILogger logger, string draftVersion, string activeVersion, int changedCount, int snapshotCount, double elapsedMs);
}
