using Lena.Clinical.Snapshot;
using Lena.Courses.Cycles;
using Lena.Courses.Therapy;

namespace Lena.Courses.Tests.Cycles;

/// <summary>28-day cycles counted in days of therapy: an interruption shifts every later cycle by its length.</summary>
public sealed class CycleCalendarTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static Interruption Hold(string from, string? until) =>
        new(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), InterruptionCause.Thrombocytopenia);

    public static TheoryData<string, Interruption[], string, int> Completed => new()
    {
        { "no interruption, day 28 of cycle 1", [], "2026-01-28", 0 },
        { "no interruption, day 1 of cycle 2", [], "2026-01-29", 1 },
        { "no interruption, 364 days", [], "2026-12-31", 13 },
        { "7 days on hold in cycle 1: day 1 of cycle 2 is 7 days later", [Hold("2026-01-10", "2026-01-17")], "2026-01-29", 0 },
        { "7 days on hold in cycle 1, cycle 2 begins", [Hold("2026-01-10", "2026-01-17")], "2026-02-05", 1 },
        { "an open hold stops the count", [Hold("2026-01-10", null)], "2026-03-01", 0 },
        { "two holds add up (21 days): day 1 of cycle 3 is 21 days late", [Hold("2026-01-10", "2026-01-17"), Hold("2026-02-10", "2026-02-24")], "2026-03-18", 1 },
        { "two holds add up, cycle 3 begins", [Hold("2026-01-10", "2026-01-17"), Hold("2026-02-10", "2026-02-24")], "2026-03-19", 2 },
    };

    [Theory]
    [MemberData(nameof(Completed))]
    public void Cycles_completed_count_days_of_therapy_only(string why, Interruption[] holds, string asOf, int expected)
    {
        Assert.True(expected == CycleCalendar.CyclesCompleted(Start, holds, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), why);
    }

    [Fact]
    public void Every_cycle_after_a_hold_begins_as_many_days_later_as_the_hold_lasted()
    {
        var starts = CycleCalendar.CycleStarts(Start, [Hold("2026-01-10", "2026-01-17")], new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 31));

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 5), new DateOnly(2026, 3, 5)], starts);
    }

    [Fact]
    public void A_hold_still_open_lasts_until_today_and_later_cycles_are_projected_from_then()
    {
        var starts = CycleCalendar.CycleStarts(Start, [Hold("2026-01-10", null)], new DateOnly(2026, 3, 31), today: new DateOnly(2026, 1, 20));

        // 9 days of therapy before the hold (1–9 January), 19 more from 20 January: cycle 2 on 8 February.
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 8), new DateOnly(2026, 3, 8)], starts);
    }

    [Fact]
    public void The_timeline_state_counts_cycles_given_before_the_course_too()
    {
        var therapy = new CourseTherapy { Phase = TherapyPhase.OnTreatment, DoseMg = 20, StartDate = Start, CyclesBeforeCourse = 11 };

        Assert.Equal(11, CourseEvaluation.CyclesCompleted(therapy, new DateOnly(2026, 1, 28)));
        Assert.Equal(12, CourseEvaluation.CyclesCompleted(therapy, new DateOnly(2026, 1, 29)));
    }
}
