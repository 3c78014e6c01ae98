using System.Globalization;

namespace Lena.Storage.Rules;

/// <summary>Partition and row keys of the <c>LenaRules</c> table: culture-invariant, fixed-width where ordered.</summary>
internal static class RuleTableKeys
{
    public const string ActivePartition = "active";
    public const string PointerRow = "pointer";
    public const string AuditPartition = "audit";
    public const string MetadataRow = "meta";

    public static string VersionPartition(string version) => "version|" + version;

    public static string SectionRow(int order, string name) => $"section|{order.ToString("D3", CultureInfo.InvariantCulture)}|{name}";

    /// <summary>Newest first: inverted ticks sort the latest audit entry to the top of the partition.</summary>
    public static string AuditRow(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N");
}
