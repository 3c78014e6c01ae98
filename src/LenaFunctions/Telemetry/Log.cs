using Microsoft.Extensions.Logging;

namespace LenaFunctions.Telemetry;

/// <summary>
/// Every log line of the app, as compiled templates: structured values, never a clinical value
/// or an identifier in a message.
/// </summary>
internal static partial class Log
{
    // Debug: one line per request sent to the host costs more than the evaluation's whole parse step
    // (RESULTS.md, issue 15); its duration is in the lena.evaluation.duration histogram and the Server-Timing header.
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Evaluated {Concern} with rule set {RuleSetVersion}: status {Status} in {ElapsedMs} ms")]
    public static partial void Evaluated(this ILogger logger, string concern, string ruleSetVersion, int status, double elapsedMs);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Published rule set {RuleSetVersion}")]
    public static partial void PublishedRuleSet(this ILogger logger, string ruleSetVersion);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Activated rule set {RuleSetVersion}")]
    public static partial void ActivatedRuleSet(this ILogger logger, string ruleSetVersion);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Seeded rule set {RuleSetVersion} into an empty rule store")]
    public static partial void SeededRuleSet(this ILogger logger, string ruleSetVersion);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Serving rule set {RuleSetVersion}")]
    public static partial void ServingRuleSet(this ILogger logger, string ruleSetVersion);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Follow-up reminder run is past due; the sweep catches up from its watermark")]
    public static partial void ReminderRunLate(this ILogger logger);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Reminder sweep sent {Sent} reminders, examined {Examined} agenda entries over {Days} days, extended {Extended} plans, left {Skipped} for later")]
    public static partial void ReminderSweep(this ILogger logger, int sent, int examined, int days, int extended, int skipped);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "{Count} course plans could not be extended (their enrollment snapshot no longer validates under the active rule set); retried tomorrow")]
    public static partial void PlanExtensionsFailed(this ILogger logger, int count);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Could not seed or load the rule set at start-up; clinical functions answer 503 until storage is reachable")]
    public static partial void StartupRulesFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Table storage did not answer the health probe: {ErrorType}")]
    public static partial void StorageProbeFailed(this ILogger logger, string errorType);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "No rule set could be served for invocation {InvocationId}")]
    public static partial void RulesUnavailable(this ILogger logger, Exception exception, string invocationId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Storage did not answer in {FunctionName}, invocation {InvocationId}")]
    public static partial void StorageUnavailable(this ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Unhandled exception in {FunctionName}, invocation {InvocationId}")]
    public static partial void Unhandled(this ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "CDS service {ServiceId} answered {Status} with {CardCount} cards")]
    public static partial void CdsHookAnswered(this ILogger logger, string serviceId, int status, int cardCount);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "CDS client rejected for {ServiceId}: {Reason}")]
    public static partial void CdsClientRejected(this ILogger logger, string serviceId, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "CDS feedback for {ServiceId}: {Stored} stored, {Repeated} already stored")]
    public static partial void CdsFeedbackStored(this ILogger logger, string serviceId, int stored, int repeated);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Purged {Count} expired CDS client token ids")]
    public static partial void CdsTokensPurged(this ILogger logger, int count);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Reminder ({Kind}) delivered to care team {CareTeamId}'s webhook: {HttpStatus}, try {DequeueCount}")]
    public static partial void ReminderDelivered(this ILogger logger, string careTeamId, string kind, int httpStatus, long dequeueCount);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Reminder ({Kind}) for care team {CareTeamId} not delivered: {Outcome} ({Reason}), try {DequeueCount}; the queue retries it, then keeps it in the poison queue")]
    public static partial void ReminderNotDelivered(this ILogger logger, string careTeamId, string kind, string outcome, string reason, long dequeueCount);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "A lena-reminders message is not a reminder ({Problem}), try {DequeueCount}; it will end in the poison queue")]
    public static partial void ReminderMessageUnreadable(this ILogger logger, long dequeueCount, string problem);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Webhook for care team {CareTeamId} registered (host {Host}, new: {Created})")]
    public static partial void WebhookRegistered(this ILogger logger, string careTeamId, string host, bool created);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Webhook for care team {CareTeamId} removed")]
    public static partial void WebhookRemoved(this ILogger logger, string careTeamId);
}
