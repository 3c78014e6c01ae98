using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Lena.Tables.Probe;
using Lena.Testing;

// What one table transaction of 48 new rows (an enrollment's course batch: follow-ups shaped as the store writes them)
// costs this process, and where: against Azurite through TableClient.SubmitTransactionAsync; the same calls with
// Azurite's recorded answer replayed from memory (the SDK's client side alone); with an empty answer (building the
// request alone); and a hand-built $batch body sent through an Azure.Core pipeline (a measurement prototype, not used by
// the app). Each mode warms up first, on its own table. Usage:
//   dotnet run -c Release --project tests/Lena.Tables.Probe -- [--batches 400] [--warmup 600]
var batches = Argument("--batches", 400);
var warmup = Argument("--warmup", 600);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lena.Tables.Probe: {batches} batches of {ProbeRows.PerBatch} rows per mode after {warmup} warm-up; loadavg {LoadAverage()}; .NET {Environment.Version}, {Environment.ProcessorCount} cores"));

using var azurite = new AzuriteFixture();
using var allocations = new AllocationSampler();
var replay = new ReplayPolicy();
var options = new TableClientOptions();
options.AddPolicy(replay, HttpPipelinePosition.PerRetry);
var service = new TableServiceClient(azurite.ConnectionString, options);

foreach (var mode in new[] { "sdk", "sdk, Azurite's answer replayed", "sdk, empty answer (building only)", "hand-built $batch" })
{
    var table = service.GetTableClient("Probe" + mode.Length.ToString(CultureInfo.InvariantCulture));
    await table.CreateIfNotExistsAsync();
    var handBuilt = new HandBuiltBatch(service, table);
    async Task SubmitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var rows = ProbeRows.Create();
            if (mode == "hand-built $batch")
            {
                await handBuilt.AddAsync(rows, CancellationToken.None);
            }
            else
            {
                await table.SubmitTransactionAsync(rows.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
            }
        }
    }

    replay.Mode = ReplayMode.Record;
    await SubmitAsync(1);
    replay.Mode = mode switch
    {
        "sdk, Azurite's answer replayed" => ReplayMode.Replay,
        "sdk, empty answer (building only)" => ReplayMode.Empty,
        _ => ReplayMode.Off,
    };
    await SubmitAsync(warmup);

    using var process = Process.GetCurrentProcess();
    GC.Collect();
    allocations.Start();
    var (allocated, cpu, azuriteCpu, gcs, jit) = (GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime, azurite.ProcessorTime, GC.CollectionCount(0), System.Runtime.JitInfo.GetCompilationTime());
    var clock = Stopwatch.StartNew();
    await SubmitAsync(batches);
    clock.Stop();
    process.Refresh();
    var top = allocations.Stop();
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {mode}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per batch: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / batches:0} KB allocated, this process {(process.TotalProcessorTime - cpu).TotalMilliseconds / batches:0.00} ms CPU, Azurite {(azurite.ProcessorTime - azuriteCpu).TotalMilliseconds / batches:0.00} ms CPU, {clock.Elapsed.TotalMilliseconds / batches:0.00} ms wall; {GC.CollectionCount(0) - gcs} gen-0 GCs, JIT {(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds:0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"request body {replay.RequestBytes} B, response body {replay.ResponseBytes} B; allocation samples by type (KB per batch):"));
    foreach (var (type, bytes) in top.Take(6))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1024.0 / batches,7:0.0}  {type}"));
    }
}

Console.WriteLine();
Console.WriteLine("loadavg at end: " + LoadAverage());

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
