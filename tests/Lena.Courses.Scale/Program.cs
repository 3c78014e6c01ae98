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

// Seeds N courses into Azurite through CourseService.EnrollAsync — the first --sequential of them one at a
// time (latency p50/p95), the rest --parallel in flight (throughput) — then runs one reminder sweep with
// the fake clock set so that about --due reminders are due; prints times, memory (GC heap after a full
// collection and working set, before and after each phase) and storage operations per partition. Usage:
//   dotnet run -c Release --project tests/Lena.Courses.Scale -- [--courses 10000] [--parallel 16] [--due 5000] [--spread-days 28]
//     [--sequential 200] [--write-parallelism 8] [--sweep-parallelism 16]   (1 and 1: the one-after-another code path)
//     [--sweeps 2]   (the first sweep, then weekly ones in the same process)
var settings = ScaleSettings.Parse(args);
var culture = CultureInfo.InvariantCulture;
var enrolledAt = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
var today = DateOnly.FromDateTime(enrolledAt.UtcDateTime);

Console.WriteLine(string.Create(culture, $"Lena.Courses.Scale: {settings.Courses} courses ({settings.Sequential} sequential, the rest {settings.Parallel} in flight), write parallelism {settings.WriteParallelism}, sweep parallelism {settings.SweepParallelism}, starts spread over {settings.SpreadDays} days, ~{settings.Due} reminders due"));
Console.WriteLine("loadavg at start: " + LoadAverage());
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
var store = new TableCourseStore(new CourseStoreTables(table, settings.WriteParallelism));
var sender = new StorageReminderSender(new ReminderQueueClient(queue));
var reminderOptions = MsOptions.Create(new ReminderOptions { SweepParallelism = settings.SweepParallelism });
var courses = new CourseService(store, sender, reminderOptions, clock);
var rules = RuleSetDocument.Default;

// ---- Enrollment -------------------------------------------------------------------------------
var template = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "patient.json")));
var writtenPerPartition = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var firstReminderDays = new ConcurrentDictionary<DateOnly, int>();
var followUpCount = 0;
using var process = Process.GetCurrentProcess();
var memoryAtStart = Memory(process);
var azuriteCpuAtStart = azurite.ProcessorTime;
var harnessCpuAtStart = process.TotalProcessorTime;

async Task EnrollOneAsync(int i, CancellationToken ct)
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

    // What the store writes (README "Table layout"): the course's partition (course, state, enrolled event, follow-ups),
    // one agenda pointer, one worklist row per due date in the team's partition.
    writtenPerPartition.AddOrUpdate("course|" + course.CourseId, 3 + followUps.Count, (_, n) => n + 3 + followUps.Count);
    var firstDue = followUps.Min(f => f.DueDate).AddDays(-1);
    var agendaDay = firstDue < today ? today : firstDue;
    writtenPerPartition.AddOrUpdate("agenda|" + agendaDay.ToString("yyyy-MM-dd", culture), 1, (_, n) => n + 1);
    var days = followUps.Select(f => f.DueDate).Distinct().Count();
    writtenPerPartition.AddOrUpdate("work|" + course.CareTeamId, days, (_, n) => n + days);
    foreach (var followUp in followUps)
    {
        var reminderDay = followUp.DueDate.AddDays(-1) < today ? today : followUp.DueDate.AddDays(-1);
        firstReminderDays.AddOrUpdate(reminderDay, 1, (_, n) => n + 1);
    }
}

// One at a time: what one POST /api/courses waits for (the first one also creates the table: left out of the percentiles).
await EnrollOneAsync(0, CancellationToken.None);
var latencies = new List<double>();
var sequentialClock = Stopwatch.StartNew();
for (var i = 1; i < settings.Sequential; i++)
{
    var one = Stopwatch.StartNew();
    await EnrollOneAsync(i, CancellationToken.None);
    latencies.Add(one.Elapsed.TotalMilliseconds);
}

sequentialClock.Stop();
var loadAfterSequential = LoadAverage();
process.Refresh();
var (azuriteCpuBeforeParallel, harnessCpuBeforeParallel) = (azurite.ProcessorTime, process.TotalProcessorTime);
var (jitBeforeParallel, gcBeforeParallel, gcPauseBeforeParallel, allocatedBeforeParallel) = (System.Runtime.JitInfo.GetCompilationTime(), GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
var enrollClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(settings.Sequential, settings.Courses - settings.Sequential), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel }, async (i, ct) => await EnrollOneAsync(i, ct));
enrollClock.Stop();
var loadAfterEnrollment = LoadAverage();
var parallelCourses = settings.Courses - settings.Sequential;
var memoryAfterEnrollment = Memory(process);
var enrollRequests = requests.TakeAndReset();
process.Refresh();
var (azuriteCpuEnroll, harnessCpuEnroll) = (azurite.ProcessorTime - azuriteCpuAtStart, process.TotalProcessorTime - harnessCpuAtStart);
var (azuriteCpuParallel, harnessCpuParallel) = (azurite.ProcessorTime - azuriteCpuBeforeParallel, process.TotalProcessorTime - harnessCpuBeforeParallel);
var (jitParallel, gcParallel, gcPauseParallel, allocatedParallel) = (System.Runtime.JitInfo.GetCompilationTime() - jitBeforeParallel, GC.CollectionCount(0) - gcBeforeParallel, GC.GetTotalPauseDuration() - gcPauseBeforeParallel, GC.GetTotalAllocatedBytes() - allocatedBeforeParallel);
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
var (heapBefore, workingSetBefore) = memoryAfterEnrollment;
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
await queue.CreateIfNotExistsAsync(); // so that the queue's length can be read before the first sweep
var first = await SweepAsync(sweeper);
var queued = first.Queued;
var result = first.Result;
await sampling.CancelAsync();
await sampler;
var loadAfterSweep = LoadAverage();
var memoryAfterSweep = Memory(process);

// A second sweep a week later, in the process the first one warmed, over pointers the first one moved: what an hourly
// timer of a running worker pays (the upcoming reminders of the week and the first overdue ones of those sent above).
// --sweeps N: N − 1 such weekly sweeps; once every course has been swept before (28 days of starts), each reads its courses
// by their schedule (point reads) — the steady state of a running worker.
var later = new List<(SweepFigures Figures, string Load)>();
for (var i = 1; i < settings.Sweeps; i++)
{
    clock.SetUtcNow(clock.GetUtcNow().AddDays(7));
    later.Add((await SweepAsync(sweeper), LoadAverage()));
}

var memoryAfterLastSweep = Memory(process);

async Task<SweepFigures> SweepAsync(ReminderSweeper sweeper)
{
    var queuedBefore = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    process.Refresh();
    var (azuriteCpu0, harnessCpu0) = (azurite.ProcessorTime, process.TotalProcessorTime);
    var (jit0, gc0, pause0, allocated0) = (System.Runtime.JitInfo.GetCompilationTime(), GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    _ = requests.TakeAndReset();
    var watch = Stopwatch.StartNew();
    var swept = await sweeper.SweepAsync(rules, CancellationToken.None);
    watch.Stop();
    var all = requests.TakeAndReset();
    // Only the busiest partitions are kept (and printed): a dictionary of every course per sweep would be memory the
    // harness holds, not the sweep.
    var counted = (all.Total, all.ByOperation, (IReadOnlyDictionary<string, int>)all.ByPartition.OrderByDescending(p => p.Value).Take(8).ToDictionary(StringComparer.Ordinal));
    process.Refresh();
    var figures = new SweepFigures(
        clock.GetUtcNow(),
        swept,
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount - queuedBefore,
        watch.Elapsed,
        counted,
        azurite.ProcessorTime - azuriteCpu0,
        process.TotalProcessorTime - harnessCpu0,
        System.Runtime.JitInfo.GetCompilationTime() - jit0,
        GC.CollectionCount(0) - gc0,
        GC.GetTotalPauseDuration() - pause0,
        GC.GetTotalAllocatedBytes() - allocated0);
    return figures;
}

void ReportSweep(StringBuilder report, SweepFigures sweep)
{
    var sent = Math.Max(1, sweep.Result.Sent);
    // A course read whole is one query of its partition; the others were read by their schedule (point reads).
    var wholeReads = sweep.Requests.ByOperation.GetValueOrDefault("query course|");
    report.AppendLine(CultureInfo.InvariantCulture, $"sent {sweep.Result.Sent}, on the queue {sweep.Queued}, agenda entries (courses) examined {sweep.Result.Examined} ({wholeReads} read whole, the others by their schedule), days walked {sweep.Result.Days}, kept {sweep.Result.Skipped}");
    report.AppendLine(CultureInfo.InvariantCulture, $"time {sweep.Elapsed.TotalSeconds:0.0} s = {sweep.Result.Sent / sweep.Elapsed.TotalSeconds:0.0} reminders/s, {sweep.Elapsed.TotalMilliseconds / sent:0.00} ms per reminder");
    report.AppendLine(CultureInfo.InvariantCulture, $"requests {sweep.Requests.Total} ({(double)sweep.Requests.Total / sent:0.0} per reminder): {string.Join(", ", sweep.Requests.ByOperation.OrderByDescending(o => o.Value).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}")))}");
    report.AppendLine(CultureInfo.InvariantCulture, $"CPU: Azurite {sweep.AzuriteCpu.TotalSeconds:0.00} s = {sweep.AzuriteCpu.TotalMilliseconds / sent:0.00} ms per reminder, this process {sweep.HarnessCpu.TotalSeconds:0.00} s = {sweep.HarnessCpu.TotalMilliseconds / sent:0.00} ms per reminder (JIT {sweep.Jit.TotalMilliseconds:0} ms, {sweep.Gen0} GCs pausing {sweep.GcPause.TotalMilliseconds:0} ms, {sweep.Allocated / 1024.0 / sent:0} KB allocated per reminder)");
    report.AppendLine("busiest partitions (requests):");
    foreach (var (partition, count) in sweep.Requests.ByPartition.OrderByDescending(p => p.Value).Take(8))
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"  {partition,-20} {count,8}");
    }
}

// ---- Report ------------------------------------------------------------------------------------
static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

var report = new StringBuilder();
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
report.AppendLine(CultureInfo.InvariantCulture, $"## Enrollment, one at a time ({latencies.Count} timed, after one that creates the table)");
report.AppendLine(CultureInfo.InvariantCulture, $"p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, max {Percentile(1):0.0} ms; {latencies.Count / sequentialClock.Elapsed.TotalSeconds:0.0} courses/s; loadavg after: {loadAfterSequential}");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"## Enrollment, {settings.Parallel} in flight ({parallelCourses} courses)");
report.AppendLine(CultureInfo.InvariantCulture, $"{parallelCourses / enrollClock.Elapsed.TotalSeconds:0.0} courses/s over {enrollClock.Elapsed.TotalSeconds:0.0} s; loadavg after: {loadAfterEnrollment}");
report.AppendLine(CultureInfo.InvariantCulture, $"courses {settings.Courses}, follow-ups {followUpCount} ({(double)followUpCount / settings.Courses:0.0} per course), entities written {entities}");
report.AppendLine(CultureInfo.InvariantCulture, $"all enrollments: {sequentialClock.Elapsed.TotalSeconds + enrollClock.Elapsed.TotalSeconds:0.0} s, {enrollRequests.Total} requests ({(double)enrollRequests.Total / settings.Courses:0.0} per course): {string.Join(", ", enrollRequests.ByOperation.OrderByDescending(o => o.Value).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}")))}");
report.AppendLine(CultureInfo.InvariantCulture, $"CPU (independent of the machine's load): Azurite {azuriteCpuEnroll.TotalSeconds:0.0} s = {azuriteCpuEnroll.TotalMilliseconds / settings.Courses:0.00} ms per course, this process {harnessCpuEnroll.TotalSeconds:0.0} s = {harnessCpuEnroll.TotalMilliseconds / settings.Courses:0.00} ms per course");
// The 16-in-flight phase alone: warmed up (JIT of the first enrollments excluded), what the throughput figure pays.
report.AppendLine(CultureInfo.InvariantCulture, $"CPU at 16 in flight only: Azurite {azuriteCpuParallel.TotalMilliseconds / parallelCourses:0.00} ms per course, this process {harnessCpuParallel.TotalMilliseconds / parallelCourses:0.00} ms per course (JIT {jitParallel.TotalMilliseconds:0} ms, {gcParallel} GCs pausing {gcPauseParallel.TotalMilliseconds:0} ms, {allocatedParallel / 1024.0 / parallelCourses:0} KB allocated per course)");
report.AppendLine(CultureInfo.InvariantCulture, $"partitions written {writtenPerPartition.Count}; busiest (entities):");
foreach (var (partition, count) in writtenPerPartition.OrderByDescending(p => p.Value).Take(8))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"  {partition,-20} {count,8}");
}

report.AppendLine(CultureInfo.InvariantCulture, $"entities by partition kind: {string.Join(", ", writtenPerPartition.GroupBy(p => p.Key[..p.Key.IndexOf('|', StringComparison.Ordinal)]).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(p => p.Value)} in {g.Count()} partitions")))}");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"## Sweep at {first.At:yyyy-MM-dd HH:mm} UTC (first sweep, {reminderOptions.Value.InitialLookbackDays}-day lookback, BatchSize {reminderOptions.Value.BatchSize})");
report.AppendLine(CultureInfo.InvariantCulture, $"expected due {dueBySweep}; loadavg after: {loadAfterSweep}");
ReportSweep(report, first);
foreach (var (sweep, load) in later)
{
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"## Sweep at {sweep.At:yyyy-MM-dd HH:mm} UTC (a week after the one above, warm process; loadavg after: {load})");
    ReportSweep(report, sweep);
}
report.AppendLine();
report.AppendLine("## Memory (GC heap after a full collection / working set)");
report.AppendLine(CultureInfo.InvariantCulture, $"start {Mb(memoryAtStart.Heap)} / {Mb(memoryAtStart.WorkingSet)}; after enrollment {Mb(memoryAfterEnrollment.Heap)} / {Mb(memoryAfterEnrollment.WorkingSet)}; after sweep {Mb(memoryAfterSweep.Heap)} / {Mb(memoryAfterSweep.WorkingSet)}; after the last of {settings.Sweeps} sweeps {Mb(memoryAfterLastSweep.Heap)} / {Mb(memoryAfterLastSweep.WorkingSet)}");
report.AppendLine(CultureInfo.InvariantCulture, $"managed heap: before sweep {Mb(heapBefore)}, peak during sweep {Mb(peakHeap)} (+{Mb(peakHeap - heapBefore)})");
report.AppendLine(CultureInfo.InvariantCulture, $"working set: before sweep {Mb(workingSetBefore)}, peak during sweep {Mb(peakWorkingSet)}; process peak (incl. enrollment) {Mb(process.PeakWorkingSet64)}");
Console.WriteLine();
Console.Write(report.ToString());
return result.Sent == dueBySweep && queued == dueBySweep && later.All(l => l.Figures.Queued == l.Figures.Result.Sent) ? 0 : 1;

// The GC heap after a full, compacting collection (what stays alive) and the process working set.
static (long Heap, long WorkingSet) Memory(Process process)
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    process.Refresh();
    return (heap, process.WorkingSet64);
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "n/a";
    }
}

/// <summary>Command line: --courses, --parallel, --due, --spread-days, --sequential, --write-parallelism, --sweep-parallelism, --sweeps.</summary>
internal sealed record ScaleSettings(int Courses, int Parallel, int Due, int SpreadDays, int Sequential, int WriteParallelism, int SweepParallelism, int Sweeps)
{
    public static ScaleSettings Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--courses"] = 10_000, ["--parallel"] = 16, ["--due"] = -1, ["--spread-days"] = 28, ["--sequential"] = 200, ["--write-parallelism"] = Lena.Storage.Courses.CourseStoreTables.DefaultWriteParallelism, ["--sweep-parallelism"] = 16, ["--sweeps"] = 2 };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"usage: [--courses N] [--parallel P] [--due D] [--spread-days S] [--sequential Q] [--write-parallelism W] [--sweep-parallelism R] [--sweeps S]; not understood: {args[i]} {args[i + 1]}");
            }

            values[args[i]] = value;
        }

        var courses = values["--courses"];
        return new ScaleSettings(courses, values["--parallel"], values["--due"] > 0 ? values["--due"] : courses / 2, values["--spread-days"], Math.Min(courses, values["--sequential"]), values["--write-parallelism"], values["--sweep-parallelism"], values["--sweeps"]);
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
        var partition = Between(path, "PartitionKey='", "'") ?? Between(query, "PartitionKey eq '", "'");
        if (operation == "query" && partition is not null)
        {
            operation += " " + partition[..(partition.IndexOf('|', StringComparison.Ordinal) + 1)]; // "query course|", "query agenda|"
        }

        _byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);

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

/// <summary>What one timed sweep did and cost.</summary>
internal sealed record SweepFigures(
    DateTimeOffset At,
    SweepResult Result,
    int Queued,
    TimeSpan Elapsed,
    (int Total, IReadOnlyDictionary<string, int> ByOperation, IReadOnlyDictionary<string, int> ByPartition) Requests,
    TimeSpan AzuriteCpu,
    TimeSpan HarnessCpu,
    TimeSpan Jit,
    int Gen0,
    TimeSpan GcPause,
    long Allocated);
