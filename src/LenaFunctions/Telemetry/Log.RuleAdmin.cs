using Microsoft.Extensions.Logging;

namespace LenaFunctions.Telemetry;

/// <summary>Rule administration log lines: the reason only, never who asked or their token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Rule administration refused: {Reason}")]
    public static partial void RuleAdminRejected(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Reading without a function key refused: {Reason}")]
    public static partial void ReaderRejected(this ILogger logger, string reason);
}
