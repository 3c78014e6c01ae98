using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lena.Clinical.Courses;
using Lena.Clinical.Rules;
using Lena.Courses;
using Lena.Storage.Courses;
using Lena.Courses.Reminders;
using Lena.Storage.Reminders;
using Lena.Testing;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

// Seeds N courses into Azurite through CourseService.EnrollAsync (parallel, bounded), then runs one
// reminder sweep with the fake clock set so that about --due reminders are due; prints times, memory
// and storage operations per partition. Usage:
//   dotnet run -c Release --project tests/Lena.Courses.Scale -- [--courses 10000] [--parallel 16] [--due 5000] [--spread-days 28]
var settings = ScaleSettings.Parse(args);
var culture = CultureInfo.InvariantCulture;
var enrolledAt = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
var today = DateOnly.FromDateTime(enrolledAt.UtcDateTime);

Console.WriteLine(string.Create(culture, $"Lena.Courses.Scale: {settings.Courses} courses, parallel {settings.Parallel}, starts spread over {settings.SpreadDays} days, ~{settings.Due} reminders due"));
Console.WriteLine(string.Create(culture, $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));

using var azurite = new AzuriteFixture();
var clock = new FakeTimeProvider(enrolledAt);
var requests = new RequestCounter();
var tableOptions = new TableClientOptions();
tableOptions.AddPolicy(requests, HttpPipelinePosition.PerCall);
var table = new TableClient(azurite.ConnectionString, "LenaFollowUps", tableOptions);
var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
queueOptions.AddPolicy(requests, HttpPipelinePosition.PerCall);
var queue = new QueueClient(azurite.ConnectionString, "lena-reminders", queueOptions);
var store = new TableCourseStore(new CourseStoreTables(table));
var sender = new StorageReminderSender(new ReminderQueueClient(queue));
var reminderOptions = MsOptions.Create(new ReminderOptions());
var courses = new CourseService(store, sender, reminderOptions, clock);
var rules = RuleSetDocument.Default;

// ---- Enrollment -------------------------------------------------------------------------------
var template = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "patient.json")));
var writtenPerPartition = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var firstReminderDays = new ConcurrentDictionary<DateOnly, int>();
var followUpCount = 0;
var enrollClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, settings.Courses), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel }, async (i, ct) =>
{
    var start = today.AddDays(1 + (i % settings.SpreadDays));
    var json = Encoding.UTF8.GetBytes(template
        .Replace("\"pt-000123\"", string.Create(culture, $"\"pt-{i:D6}\""), StringComparison.Ordinal)
        .Replace("\"startDate\": \"2026-11-23\"", "\"startDate\": \"" + start.ToString("yyyy-MM-dd", culture) + "\"", StringComparison.Ordinal));
    var parsed = EnrollmentParser.Parse(json, rules, today);
    if (!parsed.IsValid)
    {
        throw new InvalidOperationException("the scale snapshot does not validate: " + string.Join("; ", parsed.Errors.ToDictionary().Keys));
    }

    var enrolled = await courses.EnrollAsync(parsed.Snapshot!, json, rules, null, ct);
    var (course, followUps) = (enrolled.Course!, enrolled.FollowUps);
    Interlocked.Add(ref followUpCount, followUps.Count);
    writtenPerPartition.AddOrUpdate("course|" + course.CourseId, 1 + followUps.Count, (_, n) => n + 1 + followUps.Count);
    foreach (var followUp in followUps)
    {
        var agendaDay = followUp.DueDate.AddDays(-1) < today ? today : followUp.DueDate.AddDays(-1);
        writtenPerPartition.AddOrUpdate("due|" + followUp.DueDate.ToString("yyyy-MM-dd", culture), 1, (_, n) => n + 1);
        writtenPerPartition.AddOrUpdate("agenda|" + agendaDay.ToString("yyyy-MM-dd", culture), 1, (_, n) => n + 1);
        firstReminderDays.AddOrUpdate(agendaDay, 1, (_, n) => n + 1);
    }

    writtenPerPartition.AddOrUpdate("agenda|" + course.PlannedThrough.AddDays(-reminderOptions.Value.PlanExtensionLeadDays).ToString("yyyy-MM-dd", culture), 1, (_, n) => n + 1);
});
enrollClock.Stop();
var enrollRequests = requests.TakeAndReset();
var entities = writtenPerPartition.Values.Sum();

// ---- One sweep with ~Due reminders due ---------------------------------------------------------
var sweepDay = today;
var dueBySweep = 0;
foreach (var (day, count) in firstReminderDays.OrderBy(d => d.Key))
{
    sweepDay = day;
    dueBySweep += count;
    if (dueBySweep >= settings.Due)
    {
        break;
    }
}

clock.SetUtcNow(new DateTimeOffset(sweepDay.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero));
GC.Collect();
GC.WaitForPendingFinalizers();
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
using var process = Process.GetCurrentProcess();
process.Refresh();
var workingSetBefore = process.WorkingSet64;
long peakHeap = heapBefore, peakWorkingSet = workingSetBefore;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        process.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        try
        {
            await Task.Delay(20, sampling.Token);
        }
        catch (OperationCanceledException)
        {
            break;
        }
    }
});

var sweeper = new ReminderSweeper(store, sender, courses, reminderOptions, clock);
var sweepClock = Stopwatch.StartNew();
var result = await sweeper.SweepAsync(rules, CancellationToken.None);
sweepClock.Stop();
await sampling.CancelAsync();
await sampler;
var sweepRequests = requests.TakeAndReset();
var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
process.Refresh();

// ---- Report ------------------------------------------------------------------------------------
static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"## Enrollment");
report.AppendLine(CultureInfo.InvariantCulture, $"courses {settings.Courses}, follow-ups {followUpCount} ({(double)followUpCount / settings.Courses:0.0} per course), entities written {entities}");
report.AppendLine(CultureInfo.InvariantCulture, $"time {enrollClock.Elapsed.TotalSeconds:0.0} s = {settings.Courses / enrollClock.Elapsed.TotalSeconds:0.0} courses/s, {entities / enrollClock.Elapsed.TotalSeconds:0} entities/s, {enrollRequests.Total} requests ({enrollRequests.Total / enrollClock.Elapsed.TotalSeconds:0}/s)");
report.AppendLine(CultureInfo.InvariantCulture, $"partitions written {writtenPerPartition.Count}; busiest (entities):");
foreach (var (partition, count) in writtenPerPartition.OrderByDescending(p => p.Value).Take(8))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"  {partition,-20} {count,8}");
}

report.AppendLine(CultureInfo.InvariantCulture, $"entities by partition kind: {string.Join(", ", writtenPerPartition.GroupBy(p => p.Key[..p.Key.IndexOf('|', StringComparison.Ordinal)]).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(p => p.Value)} in {g.Count()} partitions")))}");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"## Sweep at {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC (first sweep, {reminderOptions.Value.InitialLookbackDays}-day lookback, BatchSize {reminderOptions.Value.BatchSize})");
report.AppendLine(CultureInfo.InvariantCulture, $"expected due {dueBySweep}, sent {result.Sent}, on the queue {queued}, agenda rows examined {result.Examined}, days walked {result.Days}, kept {result.Skipped}");
report.AppendLine(CultureInfo.InvariantCulture, $"time {sweepClock.Elapsed.TotalSeconds:0.0} s = {result.Sent / sweepClock.Elapsed.TotalSeconds:0.0} reminders/s, {sweepClock.Elapsed.TotalMilliseconds / Math.Max(1, result.Sent):0.00} ms per reminder");
report.AppendLine(CultureInfo.InvariantCulture, $"requests {sweepRequests.Total} ({(double)sweepRequests.Total / Math.Max(1, result.Sent):0.0} per reminder): {string.Join(", ", sweepRequests.ByOperation.OrderByDescending(o => o.Value).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}")))}");
report.AppendLine("busiest partitions (requests):");
foreach (var (partition, count) in sweepRequests.ByPartition.OrderByDescending(p => p.Value).Take(8))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"  {partition,-20} {count,8}");
}

report.AppendLine(CultureInfo.InvariantCulture, $"managed heap: before {Mb(heapBefore)}, peak during sweep {Mb(peakHeap)} (+{Mb(peakHeap - heapBefore)})");
report.AppendLine(CultureInfo.InvariantCulture, $"working set: before sweep {Mb(workingSetBefore)}, peak during sweep {Mb(peakWorkingSet)}; process peak (incl. enrollment) {Mb(process.PeakWorkingSet64)}");
Console.WriteLine();
Console.Write(report.ToString());
return result.Sent == dueBySweep ? 0 : 1;

/// <summary>Command line: --courses, --parallel, --due, --spread-days.</summary>
internal sealed record ScaleSettings(int Courses, int Parallel, int Due, int SpreadDays)
{
    public static ScaleSettings Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--courses"] = 10_000, ["--parallel"] = 16, ["--due"] = -1, ["--spread-days"] = 28 };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"usage: [--courses N] [--parallel P] [--due D] [--spread-days S]; not understood: {args[i]} {args[i + 1]}");
            }

            values[args[i]] = value;
        }

        var courses = values["--courses"];
        return new ScaleSettings(courses, values["--parallel"], values["--due"] > 0 ? values["--due"] : courses / 2, values["--spread-days"]);
    }
}

/// <summary>Counts storage requests by operation and by table partition (single-entity operations and partition queries).</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private ConcurrentDictionary<string, int> _byOperation = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, int> _byPartition = new(StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var query = Uri.UnescapeDataString(uri.Query);
        var method = message.Request.Method.ToString();
        var operation = path.EndsWith("/messages", StringComparison.Ordinal) ? "queue " + method
            : path.EndsWith("$batch", StringComparison.Ordinal) ? "table batch"
            : path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "entity " + method
            : query.Contains("$filter", StringComparison.Ordinal) ? "query"
            : method == "POST" ? "entity insert"
            : "other " + method;
        _byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);

        var partition = Between(path, "PartitionKey='", "'") ?? Between(query, "PartitionKey eq '", "'");
        if (partition is not null)
        {
            _byPartition.AddOrUpdate(partition, 1, (_, n) => n + 1);
        }
    }

    public (int Total, IReadOnlyDictionary<string, int> ByOperation, IReadOnlyDictionary<string, int> ByPartition) TakeAndReset()
    {
        var operations = Interlocked.Exchange(ref _byOperation, new(StringComparer.Ordinal));
        var partitions = Interlocked.Exchange(ref _byPartition, new(StringComparer.Ordinal));
        return (operations.Values.Sum(), operations, partitions);
    }

    private static string? Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += open.Length;
        var end = text.IndexOf(close, start, StringComparison.Ordinal);
        return end < 0 ? null : text[start..end];
    }
}
