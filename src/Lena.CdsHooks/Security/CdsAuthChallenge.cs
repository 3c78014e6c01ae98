using System.Text;

namespace Lena.CdsHooks.Security;

/// <summary>
/// The HTTP answer to a refused token: 401 with an RFC 6750 <c>WWW-Authenticate</c> challenge, or
/// 503 when the client's keys could not be obtained (our problem, worth a retry, not the client's).
/// The function layer writes it; <see cref="WwwAuthenticate"/> is null when no challenge belongs.
/// </summary>
public sealed record CdsAuthChallenge(int Status, string? WwwAuthenticate, string Message)
{
    public static CdsAuthChallenge For(CdsJwtValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (validation.IsValid)
        {
            throw new ArgumentException("A valid token needs no challenge.", nameof(validation));
        }

        return validation.Failure.Value switch
        {
            CdsJwtFailure.JwksUnavailable => new CdsAuthChallenge(503, null, validation.Message),

            // RFC 6750 §3.1: a request without credentials gets a challenge without an error code.
            CdsJwtFailure.MissingToken => new CdsAuthChallenge(401, "Bearer", validation.Message),
            _ => new CdsAuthChallenge(401, $"Bearer error=\"invalid_token\", error_description=\"{Describe(validation.Message)}\"", validation.Message),
        };
    }

    /// <summary>RFC 6750 allows only printable ASCII without <c>"</c> and <c>\</c> in error_description.</summary>
    private static string Describe(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return text.ToString();
    }
}
