using Azure;
using Lena.Clinical.Rules;

namespace Lena.Storage.Rules;

/// <summary>
/// Versioned rule data: immutable published versions, one active pointer switched atomically
/// with an ETag condition, and an audit trail.
/// </summary>
public interface IRuleStore
{
    Task<ActivePointer?> GetActiveAsync(CancellationToken cancellationToken);

    Task<StoredRuleSet?> GetVersionAsync(string version, CancellationToken cancellationToken);

    Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken);

    Task<PublishOutcome> PublishAsync(RuleSet rules, string author, string reason, string? basedOn, CancellationToken cancellationToken);

    /// <summary>Points <c>active</c> at <paramref name="version"/> if the pointer still has <paramref name="ifMatch"/>.</summary>
    Task<ActivationOutcome> ActivateAsync(string version, ETag ifMatch, string actor, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<RuleAuditEntry>> ListAuditAsync(int max, CancellationToken cancellationToken);

    /// <summary>Publishes and activates <paramref name="defaults"/> when the store has no active version; true when it did.</summary>
    Task<bool> SeedAsync(RuleSet defaults, CancellationToken cancellationToken);
}
