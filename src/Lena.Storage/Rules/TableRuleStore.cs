using Azure;
using Azure.Data.Tables;
using Lena.Clinical.Rules;

namespace Lena.Storage.Rules;

/// <summary>
/// <see cref="IRuleStore"/> on Azure Table Storage (ARCHITECTURE.md, "Rule data in Table Storage").
/// A version is one partition written in one batch, so it appears whole or not at all.
/// </summary>
public sealed class TableRuleStore(RuleStoreTables tables, TimeProvider clock) : IRuleStore
{
    private readonly TableClient _table = tables.Rules;
    private readonly CreateOnce _created = new(ct => tables.Rules.CreateIfNotExistsAsync(ct));

    public Task<ActivePointer?> GetActiveAsync(CancellationToken cancellationToken) =>
        _created.RunAsync(ct => GetActiveCoreAsync(ct), cancellationToken);

    private async Task<ActivePointer?> GetActiveCoreAsync(CancellationToken cancellationToken)
    {
        var pointer = await _table.GetEntityIfExistsAsync<TableEntity>(RuleTableKeys.ActivePartition, RuleTableKeys.PointerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return pointer.HasValue
            ? new ActivePointer(pointer.Value!.GetString("Version"), pointer.Value.ETag, pointer.Value.GetDateTimeOffset("ActivatedAt"))
            : null;
    }

    public Task<StoredRuleSet?> GetVersionAsync(string version, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => GetVersionCoreAsync(version, ct), cancellationToken);

    private async Task<StoredRuleSet?> GetVersionCoreAsync(string version, CancellationToken cancellationToken)
    {
        var partition = RuleTableKeys.VersionPartition(version);
        TableEntity? meta = null;
        var sections = new List<RuleSection>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == RuleTableKeys.MetadataRow)
            {
                meta = row;
            }
            else
            {
                sections.Add(new RuleSection(row.GetInt32("Order") ?? 0, row.GetString("Name"), row.GetString("Json"), row.GetString("Hash")));
            }
        }

        if (meta is null)
        {
            return null;
        }

        var info = ToInfo(meta);
        foreach (var section in sections.Where(s => RuleSetSections.Hash(s.Json) != s.Hash))
        {
            throw new InvalidDataException($"Rule set {version}: section {section.Name} does not match its stored hash; the stored data is corrupt.");
        }

        // Integrity is checked on what was stored (every section, by its own hash), not on a
        // re-serialization, so a later build that adds an optional rule property still reads old versions.
        if (meta.GetInt32("SectionCount") is { } count && count != sections.Count)
        {
            throw new InvalidDataException($"Rule set {version}: {sections.Count} sections stored, {count} published; the stored data is incomplete.");
        }

        var parsed = RuleSetSections.Read(version, info.Description, sections);
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"Rule set {version} in storage no longer validates: {string.Join("; ", parsed.Errors.ToDictionary().Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
        }

        return new StoredRuleSet(parsed.RuleSet!, info);
    }

    public Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken) =>
        _created.RunAsync(ct => ListVersionsCoreAsync(ct), cancellationToken);

    private async Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsCoreAsync(CancellationToken cancellationToken)
    {
        var versions = new List<RuleSetVersionInfo>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.RowKey == RuleTableKeys.MetadataRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(ToInfo(row));
        }

        return versions.OrderBy(v => v.CreatedAt).ToArray();
    }

    public Task<PublishOutcome> PublishAsync(RuleSet rules, string author, string reason, string? basedOn, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => PublishCoreAsync(rules, author, reason, basedOn, ct), cancellationToken);

    private async Task<PublishOutcome> PublishCoreAsync(RuleSet rules, string author, string reason, string? basedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sections = RuleSetSections.Split(rules);
        if (sections.FirstOrDefault(s => s.Json.Length > RuleSetSections.MaxSectionChars) is { } large)
        {
            return new PublishOutcome(PublishStatus.TooLarge, null, $"Section {large.Name} has {large.Json.Length} characters; a stored section holds at most {RuleSetSections.MaxSectionChars}.");
        }

        var now = clock.GetUtcNow();
        var info = new RuleSetVersionInfo(rules.Version, author, reason, now, basedOn, RuleSetDocument.ContentHash(rules), rules.Description);
        var partition = RuleTableKeys.VersionPartition(rules.Version);
        var batch = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, RuleTableKeys.MetadataRow)
            {
                ["Version"] = info.Version,
                ["Author"] = info.Author,
                ["Reason"] = info.Reason,
                ["CreatedAt"] = info.CreatedAt,
                ["BasedOn"] = info.BasedOn,
                ["ContentHash"] = info.ContentHash,
                ["Description"] = info.Description,
                ["SectionCount"] = sections.Count,
            }),
        };
        batch.AddRange(sections.Select(s => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, RuleTableKeys.SectionRow(s.Order, s.Name))
        {
            ["Order"] = s.Order,
            ["Name"] = s.Name,
            ["Json"] = s.Json,
            ["Hash"] = s.Hash,
        })));

        try
        {
            // One partition, one transaction (≤ 100 entities): the version appears whole or not at all.
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return new PublishOutcome(PublishStatus.VersionExists, null, $"Version {rules.Version} already exists; published versions are immutable, publish a new version id.");
        }

        await AuditAsync("published", info.Version, author, reason, basedOn, cancellationToken).ConfigureAwait(false);
        return new PublishOutcome(PublishStatus.Published, info);
    }

    public Task<ActivationOutcome> ActivateAsync(string version, ETag ifMatch, string actor, string reason, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => ActivateCoreAsync(version, ifMatch, actor, reason, ct), cancellationToken);

    private async Task<ActivationOutcome> ActivateCoreAsync(string version, ETag ifMatch, string actor, string reason, CancellationToken cancellationToken)
    {
        var meta = await _table.GetEntityIfExistsAsync<TableEntity>(RuleTableKeys.VersionPartition(version), RuleTableKeys.MetadataRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!meta.HasValue)
        {
            return new ActivationOutcome(ActivationStatus.UnknownVersion, null);
        }

        var current = await GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var pointer = new TableEntity(RuleTableKeys.ActivePartition, RuleTableKeys.PointerRow)
        {
            ["Version"] = version,
            ["ActivatedAt"] = now,
            ["ActivatedBy"] = actor,
        };
        try
        {
            // The ETag condition makes activation atomic: of two admins, the second gets 412. "*"
            // creates the first pointer only: with one in place it is a 409, answered as 412.
            var response = ifMatch == ETag.All
                ? await _table.AddEntityAsync(pointer, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(pointer, ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await AuditAsync("activated", version, actor, reason, current?.Version, cancellationToken).ConfigureAwait(false);
            return new ActivationOutcome(ActivationStatus.Activated, new ActivePointer(version, response.Headers.ETag ?? default, now));
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 or 409 || (ex.Status == 400 && ifMatch != ETag.All))
        {
            // 400: storage refused the If-Match itself (quoted, but not an ETag it ever issued): it cannot match either.
            return new ActivationOutcome(ActivationStatus.PreconditionFailed, await GetActiveAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public Task<IReadOnlyList<RuleAuditEntry>> ListAuditAsync(int max, CancellationToken cancellationToken) =>
        _created.RunAsync(ct => ListAuditCoreAsync(max, ct), cancellationToken);

    private async Task<IReadOnlyList<RuleAuditEntry>> ListAuditCoreAsync(int max, CancellationToken cancellationToken)
    {
        var entries = new List<RuleAuditEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == RuleTableKeys.AuditPartition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new RuleAuditEntry(
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("Action"),
                row.GetString("Version"),
                row.GetString("Actor"),
                row.GetString("Reason"),
                row.GetString("PreviousVersion")));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    public async Task<bool> SeedAsync(RuleSet defaults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (await GetActiveAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        const string system = "system";
        await PublishAsync(defaults, system, "Seeded from the rule set embedded in this build.", null, cancellationToken).ConfigureAwait(false);
        var pointer = new TableEntity(RuleTableKeys.ActivePartition, RuleTableKeys.PointerRow)
        {
            ["Version"] = defaults.Version,
            ["ActivatedAt"] = clock.GetUtcNow(),
            ["ActivatedBy"] = system,
        };
        try
        {
            await _table.AddEntityAsync(pointer, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another instance seeded first; its pointer stands.
            return false;
        }

        await AuditAsync("activated", defaults.Version, system, "Seeded: the table had no active version.", null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task AuditAsync(string action, string version, string actor, string reason, string? previous, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await _table.AddEntityAsync(new TableEntity(RuleTableKeys.AuditPartition, RuleTableKeys.AuditRow(at))
        {
            ["At"] = at,
            ["Action"] = action,
            ["Version"] = version,
            ["Actor"] = actor,
            ["Reason"] = reason,
            ["PreviousVersion"] = previous,
        }, cancellationToken).ConfigureAwait(false);
    }


    private static RuleSetVersionInfo ToInfo(TableEntity row) => new(
        row.GetString("Version"),
        row.GetString("Author"),
        row.GetString("Reason"),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetString("BasedOn"),
        row.GetString("ContentHash"),
        row.GetString("Description"));
}
