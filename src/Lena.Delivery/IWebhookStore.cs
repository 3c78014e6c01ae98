namespace Lena.Delivery;

/// <summary>The care teams' webhook registrations (one per team).</summary>
public interface IWebhookStore
{
    Task<WebhookRegistration?> GetAsync(string careTeamId, CancellationToken cancellationToken);

    /// <summary>Stores or replaces the team's registration; true when the team had none before.</summary>
    Task<bool> PutAsync(WebhookRegistration registration, CancellationToken cancellationToken);

    /// <summary>Removes the team's registration; false when it had none.</summary>
    Task<bool> DeleteAsync(string careTeamId, CancellationToken cancellationToken);
}
