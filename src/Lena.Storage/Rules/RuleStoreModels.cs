using Azure;
using Lena.Clinical.Rules;

namespace Lena.Storage.Rules;

/// <summary>Who published a version and why; immutable once stored.</summary>
public sealed record RuleSetVersionInfo(
    string Version,
    string Author,
    string Reason,
    DateTimeOffset CreatedAt,
    string? BasedOn,
    string ContentHash,
    string? Description);

/// <summary>A published version with its metadata.</summary>
public sealed record StoredRuleSet(RuleSet RuleSet, RuleSetVersionInfo Info);

/// <summary>The <c>active/pointer</c> row: which version is live, and its ETag for conditional updates.</summary>
public sealed record ActivePointer(string Version, ETag ETag, DateTimeOffset? ActivatedAt);

/// <summary>One line of the audit trail: who published or activated what, when, and why.</summary>
public sealed record RuleAuditEntry(
    DateTimeOffset At,
    string Action,
    string Version,
    string Actor,
    string Reason,
    string? PreviousVersion);

public enum PublishStatus
{
    Published,
    VersionExists,
    TooLarge,
}

public sealed record PublishOutcome(PublishStatus Status, RuleSetVersionInfo? Info, string? Problem = null);

public enum ActivationStatus
{
    Activated,
    UnknownVersion,
    PreconditionFailed,
}

public sealed record ActivationOutcome(ActivationStatus Status, ActivePointer? Active);
