namespace Lena.LocalHost.Timers;

/// <summary>
/// A timer trigger's NCRONTAB schedule: six fields, <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>,
/// day of week 0–6 from Sunday. As in NCrontab (which the Functions host uses), a time matches
/// when every field matches, day of month and day of week both included; the next occurrence is
/// strictly after the given time.
/// </summary>
public sealed class NcrontabSchedule
{
    private static readonly TimeSpan SearchLimit = TimeSpan.FromDays(366 * 5);

    private NcrontabSchedule(string expression, CronField seconds, CronField minutes, CronField hours, CronField days, CronField months, CronField daysOfWeek)
    {
        Expression = expression;
        Seconds = seconds;
        Minutes = minutes;
        Hours = hours;
        Days = days;
        Months = months;
        DaysOfWeek = daysOfWeek;
    }

    public string Expression { get; }

    public CronField Seconds { get; }

    public CronField Minutes { get; }

    public CronField Hours { get; }

    public CronField Days { get; }

    public CronField Months { get; }

    public CronField DaysOfWeek { get; }

    public static NcrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' has {fields.Length} fields; a timer schedule has six: second minute hour day month day-of-week (e.g. '0 */5 * * * *').");
        }

        return new NcrontabSchedule(
            string.Join(' ', fields),
            CronField.Parse("second", fields[0], 0, 59),
            CronField.Parse("minute", fields[1], 0, 59),
            CronField.Parse("hour", fields[2], 0, 23),
            CronField.Parse("day", fields[3], 1, 31),
            CronField.Parse("month", fields[4], 1, 12),
            CronField.Parse("day of week", fields[5], 0, 6));
    }

    public static bool TryParse(string expression, out NcrontabSchedule? schedule)
    {
        try
        {
            schedule = Parse(expression);
            return true;
        }
        catch (FormatException)
        {
            schedule = null;
            return false;
        }
    }

    /// <summary>The first matching time strictly after <paramref name="after"/> (whole seconds, same kind); null when none within five years.</summary>
    public DateTime? NextAfter(DateTime after)
    {
        var t = new DateTime(after.Ticks - (after.Ticks % TimeSpan.TicksPerSecond), after.Kind).AddSeconds(1);
        var limit = after + SearchLimit;
        while (t <= limit)
        {
            if (!Months.Contains(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, t.Kind).AddMonths(1);
                continue;
            }

            if (!Days.Contains(t.Day) || !DaysOfWeek.Contains((int)t.DayOfWeek))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (Hours.NextFrom(t.Hour) is not { } hour)
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (hour != t.Hour)
            {
                t = t.Date.AddHours(hour);
                continue;
            }

            if (Minutes.NextFrom(t.Minute) is not { } minute)
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (minute != t.Minute)
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(minute);
                continue;
            }

            if (Seconds.NextFrom(t.Second) is not { } second)
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
                continue;
            }

            return t.Date.AddHours(t.Hour).AddMinutes(t.Minute).AddSeconds(second);
        }

        return null;
    }

    /// <summary>The next occurrence after an instant, with the schedule read in <paramref name="zone"/>'s wall-clock time.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        while (NextAfter(local) is { } next)
        {
            if (!zone.IsInvalidTime(next))
            {
                var offset = zone.IsAmbiguousTime(next) ? zone.GetAmbiguousTimeOffsets(next).Max() : zone.GetUtcOffset(next);
                var candidate = new DateTimeOffset(next, offset);
                if (candidate > after)
                {
                    return candidate;
                }
            }

            local = next;
        }

        return null;
    }

    public override string ToString() => Expression;
}
