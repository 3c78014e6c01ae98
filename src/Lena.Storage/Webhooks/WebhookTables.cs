using Azure.Data.Tables;

namespace Lena.Storage.Webhooks;

/// <summary>The table client for <c>LenaWebhooks</c>, named by configuration (<c>Lena__WebhooksTable</c>).</summary>
public sealed record WebhookTables(TableClient Webhooks);
