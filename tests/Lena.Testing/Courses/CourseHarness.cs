using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lena.Clinical.Courses;
using Lena.Clinical.Rules;
using Lena.Courses;
using Lena.Courses.Reminders;
using Lena.Courses.Therapy;
using Lena.Storage.Courses;
using Lena.Storage.Reminders;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Lena.Testing;

/// <summary>
/// Courses over a fresh <c>LenaFollowUps</c>-shaped table and a fresh reminder queue in Azurite, with
/// a <see cref="FakeTimeProvider"/>: the course store, the queue sender, the course service and
/// sweepers, as <c>AddLenaStorage</c> and <c>AddLenaCourses</c> wire them. Every table request is recorded (see <see cref="Requests"/>).
/// </summary>
public sealed class CourseHarness
{
    /// <summary>The clinical "today" of every harness unless a test moves the clock: 2026-11-21 (as TestApp).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    private readonly List<QueuedReminder> _received = [];

    public CourseHarness(AzuriteFixture azurite, ReminderOptions? options = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        Azurite = azurite;
        Clock = new FakeTimeProvider(now ?? Now);
        Options = options ?? new ReminderOptions();
        TableName = AzuriteFixture.UniqueName("fu");
        QueueName = AzuriteFixture.UniqueName("rem");
        Table = NewTableClient();
        Queue = new QueueClient(azurite.ConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        Store = NewStore();
        Sender = new StorageReminderSender(new ReminderQueueClient(Queue));
        Courses = new CourseService(Store, Sender, MsOptions.Create(Options), Clock);
    }

    public AzuriteFixture Azurite { get; }

    public FakeTimeProvider Clock { get; }

    public ReminderOptions Options { get; }

    public RuleSet Rules { get; } = RuleSetDocument.Default;

    public string TableName { get; }

    public string QueueName { get; }

    /// <summary>A raw client on the table, for reading what the store wrote.</summary>
    public TableClient Table { get; }

    public QueueClient Queue { get; }

    public TableCourseStore Store { get; }

    public StorageReminderSender Sender { get; }

    public CourseService Courses { get; }

    /// <summary>Results, dose changes and stops on the timeline, over <see cref="Store"/>.</summary>
    public TherapyRecorder Therapy => new(Store, Clock);

    /// <summary>Every table request any client of this harness made: method and URL.</summary>
    public RequestLog Requests { get; } = new();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Every reminder read off the queue so far (see <see cref="ReceiveAsync"/>).</summary>
    public IReadOnlyList<QueuedReminder> Received => _received;

    /// <summary>A second store instance on the same table (as another function instance has).</summary>
    public TableCourseStore NewStore() => new(new CourseStoreTables(NewTableClient()));

    /// <summary>A sweeper of its own (store, sender, service) on the same table and queue, sharing the clock.</summary>
    public ReminderSweeper NewSweeper(IReminderSender? sender = null, ICourseStore? store = null)
    {
        store ??= NewStore();
        sender ??= new StorageReminderSender(new ReminderQueueClient(new QueueClient(Azurite.ConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })));
        var options = MsOptions.Create(Options);
        return new ReminderSweeper(store, sender, new CourseService(store, sender, options, Clock), options, Clock);
    }

    public Task<SweepResult> SweepAsync() => NewSweeper().SweepAsync(Rules, CancellationToken.None);

    /// <summary>Enrolls a snapshot (JSON) as POST /api/courses does, on the harness's today.</summary>
    public async Task<(CourseRecord Course, IReadOnlyList<FollowUpRecord> FollowUps)> EnrollAsync(byte[] snapshotJson, string careTeamId = CareTeams.Default)
    {
        var parsed = EnrollmentParser.Parse(snapshotJson, Rules, Today);
        if (!parsed.IsValid)
        {
            throw new ArgumentException("enrollment snapshot invalid: " + string.Join("; ", parsed.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")), nameof(snapshotJson));
        }

        var outcome = await Courses.EnrollAsync(parsed.Snapshot!, snapshotJson, Rules, null, careTeamId, CancellationToken.None);
        return (outcome.Course!, outcome.FollowUps);
    }

    public void SetNow(DateTimeOffset now) => Clock.SetUtcNow(now);

    public void SetNow(DateOnly day, int hour = 0, int minute = 5) => Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero));

    /// <summary>Reads (and deletes) every message on the queue; returns the ones new since the last call.</summary>
    public async Task<IReadOnlyList<QueuedReminder>> ReceiveAsync()
    {
        var fresh = new List<QueuedReminder>();
        if (!(await Queue.ExistsAsync()).Value)
        {
            return fresh;
        }

        while (true)
        {
            var batch = (await Queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                fresh.Add(QueuedReminder.Parse(message.Body.ToString()));
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        _received.AddRange(fresh);
        return fresh;
    }

    /// <summary>The follow-up as stored in its course's partition, with its reminder state.</summary>
    public async Task<FollowUpRecord> FollowUpAsync(FollowUpRecord followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return await Store.GetFollowUpAsync(followUp.CourseId, followUp.FollowUpId, followUp.DueDate, CancellationToken.None)
            ?? throw new InvalidOperationException($"follow-up {followUp.FollowUpId} is not stored");
    }

    /// <summary>The agenda entries of one day, read raw (partition <c>agenda|yyyy-MM-dd</c>).</summary>
    public async Task<List<TableEntity>> AgendaAsync(DateOnly day)
    {
        var partition = "agenda|" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every agenda entry of the table: (agenda day, row key — the course id).</summary>
    public async Task<List<(DateOnly Day, string Row)>> AllAgendaAsync()
    {
        var rows = new List<(DateOnly, string)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("agenda|") >= 0 && e.PartitionKey.CompareTo("agenda}") < 0))
        {
            rows.Add((DateOnly.ParseExact(row.PartitionKey["agenda|".Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.RowKey));
        }

        return rows;
    }

    private TableClient NewTableClient()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new RecordingPolicy(this), HttpPipelinePosition.PerCall);
        return new TableClient(Azurite.ConnectionString, TableName, options);
    }

    /// <summary>Table requests, thread-safe.</summary>
    public sealed class RequestLog
    {
        private readonly Lock _gate = new();
        private readonly List<(string Method, Uri Uri)> _requests = [];

        public IReadOnlyList<(string Method, Uri Uri)> Snapshot()
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _requests.Clear();
            }
        }

        internal void Add(string method, Uri uri)
        {
            lock (_gate)
            {
                _requests.Add((method, uri));
            }
        }
    }

    private sealed class RecordingPolicy(CourseHarness harness) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            harness.Requests.Add(message.Request.Method.ToString(), message.Request.Uri.ToUri());
    }
}
