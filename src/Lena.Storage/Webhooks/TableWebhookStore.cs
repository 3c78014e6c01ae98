using Azure;
using Azure.Data.Tables;
using Lena.Delivery;

namespace Lena.Storage.Webhooks;

/// <summary>
/// <see cref="IWebhookStore"/> on Table Storage: one row per care team (partition = team id, row
/// <c>webhook</c>), so a delivery reads one row by its keys. The secret is a property of that row,
/// readable only with the app's storage identity — no route returns it (see README, "Delivery to
/// people", for what Azure adds: Key Vault).
/// </summary>
public sealed class TableWebhookStore(WebhookTables tables) : IWebhookStore
{
    public const string RowKey = "webhook";
    private readonly TableClient _table = tables.Webhooks;
    private readonly CreateOnce _created = new(ct => tables.Webhooks.CreateIfNotExistsAsync(ct));

    public Task<WebhookRegistration?> GetAsync(string careTeamId, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(careTeamId, RowKey, cancellationToken: ct).ConfigureAwait(false);
            return row.HasValue && row.Value is { } entity
                ? new WebhookRegistration(careTeamId, new Uri(entity.GetString("Url")), entity.GetString("Secret"), entity.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue)
                : null;
        }, cancellationToken);

    public Task<bool> PutAsync(WebhookRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var entity = new TableEntity(registration.CareTeamId, RowKey)
        {
            ["Url"] = registration.Url.ToString(),
            ["Secret"] = registration.Secret,
            ["RegisteredAt"] = registration.RegisteredAt.ToUniversalTime(),
        };
        return _created.RunAsync(async ct =>
        {
            try
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                return false;
            }
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string careTeamId, CancellationToken cancellationToken) =>
        _created.RunAsync(async ct =>
        {
            var response = await _table.DeleteEntityAsync(careTeamId, RowKey, ETag.All, ct).ConfigureAwait(false);
            return response.Status != 404;
        }, cancellationToken);
}
