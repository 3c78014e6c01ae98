using System.Globalization;
using System.Text;
using Lena.Courses.Worklist;

namespace LenaFunctions.Functions.Worklist;

/// <summary>
/// The continuation token: where the last page ended and which query it belongs to, base64url-encoded.
/// Opaque to clients; a token from another query is refused.
/// </summary>
public static class WorklistToken
{
    public static string Encode(WorklistQuery query, WorklistPosition position)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(position);
        var text = string.Join('|', "v1", Scope(query), position.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), position.CourseId, position.FollowUpId);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position, or null when the token is malformed or from another query.</summary>
    public static WorklistPosition? Decode(string token, WorklistQuery query)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(query);
        if (token.Length is 0 or > 400)
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            var parts = text.Split('|');
            var scope = Scope(query).Split('|');
            return parts.Length == 4 + scope.Length
                && parts[0] == "v1"
                && parts.AsSpan(1, scope.Length).SequenceEqual(scope)
                && DateOnly.TryParseExact(parts[^3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
                    ? new WorklistPosition(due, parts[^2], parts[^1])
                    : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Scope(WorklistQuery q) => string.Join('|', q.CareTeamId, q.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Status.ToString());
}
