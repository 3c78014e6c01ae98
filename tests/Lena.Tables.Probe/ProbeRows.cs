using System.Globalization;
using Azure.Data.Tables;

namespace Lena.Tables.Probe;

/// <summary>
/// A batch as an enrollment writes its course partition: new follow-up rows with the fifteen properties of
/// <c>FollowUpEntityMapper</c> (five of them null on a new follow-up), row keys <c>fu|{yyyyMMdd}-{test}</c>.
/// </summary>
internal static class ProbeRows
{
    public const int PerBatch = 48;

    public static List<TableEntity> Create()
    {
        var courseId = Guid.NewGuid().ToString("N");
        var rows = new List<TableEntity>(PerBatch);
        var first = new DateOnly(2026, 11, 23);
        for (var i = 0; i < PerBatch; i++)
        {
            var followUpId = first.AddDays(7 * (i / 2)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i % 2 == 0 ? "-cbc" : "-pregnancy-test");
            rows.Add(new TableEntity("course|" + courseId, "fu|" + followUpId)
            {
                ["CourseId"] = courseId,
                ["FollowUpId"] = followUpId,
                ["PatientId"] = "pt-000123",
                ["CareTeamId"] = "default",
                ["Test"] = i % 2 == 0 ? "cbc" : "pregnancy-test",
                ["DueDate"] = first.AddDays(7 * (i / 2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Reason"] = "Weekly CBC for the first 8 weeks, then monthly (label section 5.3)",
                ["State"] = "Pending",
                ["CompletedOn"] = null,
                ["UpcomingSentAt"] = null,
                ["OverdueSent"] = 0,
                ["LastOverdueSentAt"] = null,
                ["Remind"] = true,
                ["ClaimId"] = null,
                ["ClaimedUntil"] = null,
            });
        }

        return rows;
    }
}
