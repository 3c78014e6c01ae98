using Lena.LocalHost.Timers;

namespace Lena.LocalHost.Tests.Timers;

public class NcrontabScheduleTests
{
    private static DateTime At(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Theory]
    [InlineData("0 0 * * * *", "2026-11-26T10:15:30", "2026-11-26T11:00:00")]
    [InlineData("0 */5 * * * *", "2026-11-26T10:01:30", "2026-11-26T10:05:00")]
    [InlineData("*/10 * * * * *", "2026-11-26T10:00:05", "2026-11-26T10:00:10")]
    [InlineData("30 9 * * * *", "2026-11-26T10:15:00", "2026-11-26T11:09:30")]
    [InlineData("0 30 9 * * 1-5", "2026-11-27T10:00:00", "2026-11-30T09:30:00")]
    [InlineData("0 0 0 1 * *", "2026-11-26T10:00:00", "2026-12-01T00:00:00")]
    [InlineData("0 0 0 1 1 *", "2026-11-26T10:00:00", "2027-01-01T00:00:00")]
    [InlineData("0 0 12 29 2 *", "2026-03-01T00:00:00", "2028-02-29T12:00:00")]
    [InlineData("0 0 8,20 * * *", "2026-11-26T08:00:00", "2026-11-26T20:00:00")]
    [InlineData("0 15-17/2 * * * *", "2026-11-26T10:16:00", "2026-11-26T10:17:00")]
    [InlineData("0 5/20 * * * *", "2026-11-26T10:06:00", "2026-11-26T10:25:00")]
    [InlineData("0 0 9 * JAN-MAR MON", "2026-11-26T00:00:00", "2027-01-04T09:00:00")]
    [InlineData("0 0 23 31 * *", "2026-11-26T00:00:00", "2026-12-31T23:00:00")]
    public void NextOccurrenceIsTheFirstMatchStrictlyAfter(string expression, string after, string expected)
    {
        var next = NcrontabSchedule.Parse(expression).NextAfter(At(after));

        Assert.Equal(At(expected), next);
    }

    [Fact]
    public void TheGivenTimeItselfIsNotItsOwnNextOccurrence()
    {
        var schedule = NcrontabSchedule.Parse("0 * * * * *");

        Assert.Equal(At("2026-11-26T10:01:00"), schedule.NextAfter(At("2026-11-26T10:00:00")));
        Assert.Equal(At("2026-11-26T10:01:00"), schedule.NextAfter(At("2026-11-26T10:00:00.5")));
    }

    [Fact]
    public void DayOfMonthAndDayOfWeekMustBothMatch()
    {
        // Friday the 13th, as NCrontab (and so the Functions host) reads it: both fields must match.
        var next = NcrontabSchedule.Parse("0 0 0 13 * 5").NextAfter(At("2026-01-01T00:00:00"));

        Assert.Equal(At("2026-02-13T00:00:00"), next);
    }

    [Fact]
    public void AnImpossibleDateHasNoOccurrence() => Assert.Null(NcrontabSchedule.Parse("0 0 0 30 2 *").NextAfter(At("2026-01-01T00:00:00")));

    [Fact]
    public void FieldsExpandListsRangesAndSteps()
    {
        var schedule = NcrontabSchedule.Parse("0,30 1-3,10 */6 1 * *");

        Assert.Equal([0, 30], schedule.Seconds.Values);
        Assert.Equal([1, 2, 3, 10], schedule.Minutes.Values);
        Assert.Equal([0, 6, 12, 18], schedule.Hours.Values);
    }

    [Theory]
    [InlineData("0 * * * *")]
    [InlineData("0 0 * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("0 0 24 * * *")]
    [InlineData("0 0 0 0 * *")]
    [InlineData("0 0 0 * 13 *")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("0 10-5 * * * *")]
    [InlineData("0 */0 * * * *")]
    [InlineData("0 a * * * *")]
    [InlineData("0 1,,2 * * * *")]
    public void RejectsMalformedExpressions(string expression) => Assert.Throws<FormatException>(() => NcrontabSchedule.Parse(expression));

    [Fact]
    public void ReadsTheScheduleInTheGivenZonesWallClock()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus2", TimeSpan.FromHours(2), "Plus2", "Plus2");

        var next = NcrontabSchedule.Parse("0 0 9 * * *").NextAfter(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), zone);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(2)), next);
    }
}
