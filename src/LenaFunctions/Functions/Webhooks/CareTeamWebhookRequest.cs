namespace LenaFunctions.Functions.Webhooks;

/// <summary>Body of <c>PUT /api/care-teams/{careTeamId}/webhook</c>: where the team's reminders go and the Standard Webhooks secret to sign them with.</summary>
public sealed record CareTeamWebhookRequest
{
    public string? Url { get; init; }
    public string? Secret { get; init; }
}

/// <summary>A registration as the API shows it: never the secret.</summary>
public sealed record CareTeamWebhookView(string CareTeamId, string Url, DateTimeOffset RegisteredAt);
