using System.Net;

namespace Lena.Delivery;

/// <summary>
/// Which webhook URLs a care team may register: absolute https URLs to a public address, without
/// user name, password or fragment, at most 2,048 characters. On a development host (see
/// <see cref="DeliveryEnvironment"/>) http and private addresses are allowed to loopback only, so a
/// local receiver works; in Azure never — the secret and the reminders travel only over TLS, and the
/// app never posts into its own network (the metadata endpoint, storage's private endpoints).
/// </summary>
public sealed class WebhookUrlPolicy(DeliveryEnvironment environment)
{
    public const int MaxLength = 2048;

    public DeliveryEnvironment Environment => environment;

    /// <summary>Null when the URL may be registered; otherwise what is wrong, in words for the caller.</summary>
    public string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required: the https URL the team's reminders are POSTed to.";
        }

        if (url.Length > MaxLength)
        {
            return $"is {url.Length} characters long; at most {MaxLength}.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            return "must be an absolute https URL, such as https://notify.example.org/lena/reminders.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry a user name or password: they could be read back, unlike the secret; the receiver authenticates the sender by the signature.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not have a fragment (#…): it is never sent to the receiver.";
        }

        var loopback = IsLoopbackHost(uri);
        if (environment.AllowsLoopbackHttp && loopback)
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return environment.AllowsLoopbackHttp
                ? "must use https; http is allowed only to a loopback address (localhost, 127.0.0.1, [::1]) on a development host."
                : "must use https.";
        }

        if (loopback || (IPAddress.TryParse(uri.IdnHost, out var address) && !WebhookAddressGuard.IsPublic(address)))
        {
            return "must name a public host, not a loopback, private or link-local address.";
        }

        return null;
    }

    public static bool IsLoopbackHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
    }
}
