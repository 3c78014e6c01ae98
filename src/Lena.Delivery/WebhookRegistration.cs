using System.Text;

namespace Lena.Delivery;

/// <summary>
/// Where a care team's reminders go: an https URL (http only to loopback on a development host) and
/// the Standard Webhooks signing secret (<c>whsec_</c> + Base64). The secret is write-only: no
/// response and no log line carries it, so this record's text form leaves it out.
/// </summary>
public sealed record WebhookRegistration(string CareTeamId, Uri Url, string Secret, DateTimeOffset RegisteredAt)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CareTeamId = ").Append(CareTeamId)
            .Append(", Url = ").Append(Url)
            .Append(", Secret = (not shown), RegisteredAt = ").Append(RegisteredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
