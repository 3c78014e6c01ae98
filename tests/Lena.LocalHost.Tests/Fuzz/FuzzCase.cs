namespace Lena.LocalHost.Tests.Fuzz;

/// <summary>One generated HTTP request: method, path below the host, headers and body bytes (null: none).</summary>
public sealed record FuzzCase(string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body)
{
    public override string ToString() =>
        $"{Method} {Path} [{string.Join("; ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 60 ? h.Value[..60] + "…" : h.Value)}"))}] body {Body?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} bytes";
}
