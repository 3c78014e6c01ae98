using System.Globalization;
using Azure;
using Lena.Clinical.Rules;
using Lena.Storage.Rules;

namespace LenaFunctions.Tests.Support;

/// <summary>
/// <see cref="IRuleStore"/> in memory, with the table store's semantics: immutable versions (a
/// stored version is read back by parsing its document again; a section too large for a table
/// property is refused), one active pointer switched only when its ETag matches, and an audit
/// trail, newest first. Set <see cref="Unreachable"/> to
/// simulate an outage: every call then throws as the storage client would.
/// </summary>
public sealed class InMemoryRuleStore(TimeProvider clock) : IRuleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Document, RuleSetVersionInfo Info)> _versions = new(StringComparer.Ordinal);
    private readonly List<RuleAuditEntry> _audit = [];
    private ActivePointer? _pointer;
    private long _etagCounter;

    /// <summary>While true, every call throws <see cref="RequestFailedException"/> (503), like table storage that cannot be reached.</summary>
    public bool Unreachable { get; set; }

    /// <summary>How many calls reached the store (an outage's failed calls included).</summary>
    public int Calls { get; private set; }

    public Task<ActivePointer?> GetActiveAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter();
            return Task.FromResult(_pointer);
        }
    }

    public Task<StoredRuleSet?> GetVersionAsync(string version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter();
            return Task.FromResult(_versions.TryGetValue(version, out var stored)
                ? new StoredRuleSet(RuleSetDocument.Parse(stored.Document).RuleSet!, stored.Info)
                : null);
        }
    }

    public Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter();
            return Task.FromResult<IReadOnlyList<RuleSetVersionInfo>>(_versions.Values.Select(v => v.Info).OrderBy(v => v.CreatedAt).ToArray());
        }
    }

    public Task<PublishOutcome> PublishAsync(RuleSet rules, string author, string reason, string? basedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            Enter();
            if (RuleSetSections.Split(rules).FirstOrDefault(s => s.Json.Length > RuleSetSections.MaxSectionChars) is { } large)
            {
                return Task.FromResult(new PublishOutcome(PublishStatus.TooLarge, null, $"Section {large.Name} has {large.Json.Length} characters; a stored section holds at most {RuleSetSections.MaxSectionChars}."));
            }

            if (_versions.ContainsKey(rules.Version))
            {
                return Task.FromResult(new PublishOutcome(PublishStatus.VersionExists, null, $"Version {rules.Version} already exists; published versions are immutable, publish a new version id."));
            }

            var info = new RuleSetVersionInfo(rules.Version, author, reason, clock.GetUtcNow(), basedOn, RuleSetDocument.ContentHash(rules), rules.Description);
            _versions.Add(rules.Version, (RuleSetDocument.Serialize(rules), info));
            Audit("published", rules.Version, author, reason, basedOn);
            return Task.FromResult(new PublishOutcome(PublishStatus.Published, info));
        }
    }

    public Task<ActivationOutcome> ActivateAsync(string version, ETag ifMatch, string actor, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter();
            if (!_versions.ContainsKey(version))
            {
                return Task.FromResult(new ActivationOutcome(ActivationStatus.UnknownVersion, null));
            }

            // As the table store: "*" creates the first pointer only; an ETag must match the pointer's.
            var matches = ifMatch == ETag.All ? _pointer is null : _pointer is not null && _pointer.ETag == ifMatch;
            if (!matches)
            {
                return Task.FromResult(new ActivationOutcome(ActivationStatus.PreconditionFailed, _pointer));
            }

            var previous = _pointer?.Version;
            _pointer = NewPointer(version);
            Audit("activated", version, actor, reason, previous);
            return Task.FromResult(new ActivationOutcome(ActivationStatus.Activated, _pointer));
        }
    }

    public Task<IReadOnlyList<RuleAuditEntry>> ListAuditAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter();
            return Task.FromResult<IReadOnlyList<RuleAuditEntry>>(Enumerable.Reverse(_audit).Take(max).ToArray());
        }
    }

    public async Task<bool> SeedAsync(RuleSet defaults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (await GetActiveAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await PublishAsync(defaults, "system", "Seeded from the rule set embedded in this build.", null, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _pointer = NewPointer(defaults.Version);
            Audit("activated", defaults.Version, "system", "Seeded: the table had no active version.", null);
        }

        return true;
    }

    private void Enter()
    {
        Calls++;
        if (Unreachable)
        {
            throw new RequestFailedException(503, "Table storage is unreachable (simulated outage).");
        }
    }

    /// <summary>A new pointer with a table-style weak ETag; every write gets a different one.</summary>
    private ActivePointer NewPointer(string version)
    {
        var now = clock.GetUtcNow();
        var stamp = now.AddTicks(++_etagCounter).UtcDateTime.ToString("yyyy-MM-dd'T'HH'%3A'mm'%3A'ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return new ActivePointer(version, new ETag($"W/\"datetime'{stamp}'\""), now);
    }

    private void Audit(string action, string version, string actor, string reason, string? previous) =>
        _audit.Add(new RuleAuditEntry(clock.GetUtcNow(), action, version, actor, reason, previous));
}
