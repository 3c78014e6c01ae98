using Azure;
using Azure.Data.Tables;
using Lena.CdsHooks.Security;
using Lena.Storage;

namespace Lena.CdsHooks.Storage;

/// <summary>
/// <see cref="IJtiReplayGuard"/> on Table Storage: a used token id is an entity, and inserting one
/// that exists fails with 409. The insert is atomic, so of two instances receiving the same token
/// exactly one accepts it. Entities sit in hourly expiry partitions that <see cref="PurgeExpiredAsync"/> deletes.
/// </summary>
public sealed class TableJtiReplayGuard(CdsHooksTables tables, TimeProvider clock) : IJtiReplayGuard
{
    private readonly TableClient _table = tables.Tokens;
    private readonly CreateOnce _created = new(ct => tables.Tokens.CreateIfNotExistsAsync(ct));

    public async Task<bool> TryUseAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jti);

        // Only the digest and times are kept: the raw jti and issuer are not needed to detect a replay.
        var entity = new TableEntity(CdsHooksTableKeys.TokenPartition(expiresAt), CdsHooksTableKeys.TokenRow(issuer, jti))
        {
            ["ExpiresAt"] = expiresAt,
            ["UsedAt"] = clock.GetUtcNow(),
        };
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AddAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the partitions whose hour ended more than an hour ago; returns how many entries went.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => _created.RunAsync(PurgeExpiredCoreAsync, cancellationToken);

    private async Task<int> PurgeExpiredCoreAsync(CancellationToken cancellationToken)
    {
        // An hour's margin: a token is refused as expired only clock skew (at most 10 minutes) after its
        // exp, so its partition must outlive the hour it expires in.
        var current = CdsHooksTableKeys.TokenPartition(clock.GetUtcNow().AddHours(-1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {CdsHooksTableKeys.ExpiryPrefix} and PartitionKey lt {current}");
        var deleted = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Another instance purged it first.
            }
        }

        return deleted;
    }

    private async Task AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex is { Status: 404, ErrorCode: "TableNotFound" })
        {
            // The table went away after this instance created it: create it again and retry, once.
            _created.Reset();
            await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
    }
}
