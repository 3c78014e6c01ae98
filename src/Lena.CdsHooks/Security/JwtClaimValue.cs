using System.Text.Json;

namespace Lena.CdsHooks.Security;

/// <summary>Typed reads of JWT header parameters and claims (RFC 7519: strings, NumericDates, aud as string or array).</summary>
internal static class JwtClaimValue
{
    private const long MinUnixSeconds = -62135596800;
    private const long MaxUnixSeconds = 253402300799;

    public static JwtClaimState String(JsonElement owner, string name, out string value)
    {
        value = string.Empty;
        if (!owner.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return JwtClaimState.Absent;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return JwtClaimState.WrongType;
        }

        value = element.GetString()!;
        return value.Length == 0 ? JwtClaimState.Absent : JwtClaimState.Present;
    }

    /// <summary>A NumericDate: seconds since the epoch, possibly fractional (truncated to whole seconds).</summary>
    public static JwtClaimState Time(JsonElement owner, string name, out DateTimeOffset value)
    {
        value = default;
        if (!owner.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return JwtClaimState.Absent;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
            || seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            return JwtClaimState.WrongType;
        }

        value = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return JwtClaimState.Present;
    }

    /// <summary><c>aud</c>: one string or an array of strings.</summary>
    public static JwtClaimState Audiences(JsonElement owner, out IReadOnlyList<string> value)
    {
        value = [];
        if (!owner.TryGetProperty("aud", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return JwtClaimState.Absent;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            value = [element.GetString()!];
            return JwtClaimState.Present;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            return JwtClaimState.WrongType;
        }

        value = element.EnumerateArray().Select(a => a.GetString()!).ToArray();
        return value.Count == 0 ? JwtClaimState.Absent : JwtClaimState.Present;
    }
}
