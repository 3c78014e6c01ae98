using System.Collections.Concurrent;
using System.Text.Json;
using Lena.LocalHost.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lena.LocalHost.Tests.Timers;

public class TimerSchedulerTests
{
    private sealed class RecordingSink : ITimerInvocationSink
    {
        public ConcurrentQueue<(string Name, TimerInfoPayload Payload)> Calls { get; } = new();

        public Exception? FailWith { get; set; }

        public Task InvokeTimerAsync(TimerFunction timer, TimerInfoPayload payload, CancellationToken cancellationToken)
        {
            Calls.Enqueue((timer.Name, payload));
            return FailWith is null ? Task.CompletedTask : Task.FromException(FailWith);
        }
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 1, 30, TimeSpan.Zero);

    private static TimerScheduler Scheduler(RecordingSink sink, FakeTimeProvider time, string schedule = "0 */5 * * * *", bool runOnStartup = false) =>
        new([new TimerFunction("FollowUpReminders", NcrontabSchedule.Parse(schedule), runOnStartup)], sink, time, TimeZoneInfo.Utc, NullLogger.Instance);

    /// <summary>Advances fake time second by second, letting the scheduler's loop run between steps.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < by; elapsed += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
    }

    private static async Task WaitForCallsAsync(RecordingSink sink, int count)
    {
        for (var i = 0; i < 500 && sink.Calls.Count < count; i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task FiresOnScheduleWithTheNextOccurrenceInTheStatus()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink();
        await using var scheduler = Scheduler(sink, time);
        scheduler.Start();

        await AdvanceAsync(time, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(31));
        await WaitForCallsAsync(sink, 1);

        var (name, payload) = Assert.Single(sink.Calls);
        Assert.Equal("FollowUpReminders", name);
        Assert.Null(payload.Last);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 10, 0, TimeSpan.Zero), payload.Next);
        Assert.False(payload.IsPastDue);
    }

    [Fact]
    public async Task EachRunRecordsThePreviousRunAsLast()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink();
        await using var scheduler = Scheduler(sink, time, "0 * * * * *");
        scheduler.Start();

        await AdvanceAsync(time, TimeSpan.FromSeconds(100));
        await WaitForCallsAsync(sink, 2);

        var calls = sink.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(calls[0].Payload.LastUpdated, calls[1].Payload.Last);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 4, 0, TimeSpan.Zero), calls[1].Payload.Next);
    }

    [Fact]
    public async Task NothingFiresBeforeTheFirstOccurrence()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink();
        await using var scheduler = Scheduler(sink, time);
        scheduler.Start();

        await AdvanceAsync(time, TimeSpan.FromMinutes(3));

        Assert.Empty(sink.Calls);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero), scheduler.NextOccurrence("FollowUpReminders"));
    }

    [Fact]
    public async Task RunOnStartupFiresAtOnce()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink();
        await using var scheduler = Scheduler(sink, time, runOnStartup: true);
        scheduler.Start();

        await WaitForCallsAsync(sink, 1);

        Assert.Single(sink.Calls);
    }

    [Fact]
    public async Task FireNowRunsTheTimerAndPassesFailuresOn()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink();
        await using var scheduler = Scheduler(sink, time);

        await scheduler.FireNowAsync("followupreminders", CancellationToken.None);
        sink.FailWith = new InvalidOperationException("boom");

        Assert.Single(sink.Calls);
        await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.FireNowAsync("FollowUpReminders", CancellationToken.None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => scheduler.FireNowAsync("Nope", CancellationToken.None));
    }

    [Fact]
    public async Task AFailedScheduledRunDoesNotStopTheSchedule()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink { FailWith = new InvalidOperationException("boom") };
        await using var scheduler = Scheduler(sink, time, "0 * * * * *");
        scheduler.Start();

        await AdvanceAsync(time, TimeSpan.FromSeconds(100));
        await WaitForCallsAsync(sink, 2);

        Assert.Equal(2, sink.Calls.Count);
    }

    [Fact]
    public void PayloadHasTheHostsTimerInfoShape()
    {
        var payload = new TimerInfoPayload(null, new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), false);

        using var json = JsonDocument.Parse(payload.ToJson());
        var root = json.RootElement;

        Assert.True(root.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.Equal("0001-01-01T00:00:00", root.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero), root.GetProperty("ScheduleStatus").GetProperty("Next").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), root.GetProperty("ScheduleStatus").GetProperty("LastUpdated").GetDateTimeOffset());
        Assert.False(root.GetProperty("IsPastDue").GetBoolean());
    }
}
