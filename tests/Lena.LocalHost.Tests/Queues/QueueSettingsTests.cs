using System.Text.Json;
using Lena.LocalHost.Queues;
using Lena.LocalHost.Settings;
using Lena.LocalHost.Tests.Support;

namespace Lena.LocalHost.Tests.Queues;

public class QueueSettingsTests
{
    private static HostJson Parse(string json, params (string Name, string Value)[] settings) =>
        HostJson.Parse(JsonDocument.Parse(json).RootElement, new AppSettings(settings.Select(s => KeyValuePair.Create(s.Name, s.Value))));

    [Fact]
    public void WithoutHostJsonSettingsTheExtensionsDefaultsApply()
    {
        var queues = Parse("{}").Queues;

        Assert.Equal(16, queues.BatchSize);
        Assert.Equal(8 * Environment.ProcessorCount, queues.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, queues.VisibilityTimeout);
        Assert.Equal(5, queues.MaxDequeueCount);
        Assert.Equal(QueueBodyEncoding.Base64, queues.MessageEncoding);
    }

    [Fact]
    public void ReadsExtensionsQueuesAsTheAppsHostJsonWritesThem()
    {
        var queues = HostJson.Load(TestPaths.RepositoryRoot).Queues;

        Assert.Equal(new QueueSettings
        {
            BatchSize = 16,
            MaxPollingInterval = TimeSpan.FromSeconds(30),
            VisibilityTimeout = TimeSpan.FromSeconds(30),
            MaxDequeueCount = 5,
            MessageEncoding = QueueBodyEncoding.None,
        }, queues);
    }

    [Fact]
    public void AppSettingsOverrideHostJsonAsOnTheFunctionsHost()
    {
        var queues = Parse(
            """{"extensions":{"queues":{"maxDequeueCount":5,"visibilityTimeout":"00:00:30","newBatchThreshold":4}}}""",
            ("AzureFunctionsJobHost__extensions__queues__maxDequeueCount", "2"),
            ("AzureFunctionsJobHost:extensions:queues:visibilityTimeout", "00:00:01")).Queues;

        Assert.Equal(2, queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(1), queues.VisibilityTimeout);
        Assert.Equal(4, queues.EffectiveNewBatchThreshold);
    }

    [Fact]
    public void MaxPollingIntervalMayBeMillisecondsAsInVersion1()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Parse("""{"extensions":{"queues":{"maxPollingInterval":2000}}}""").Queues.MaxPollingInterval);
    }

    [Theory]
    [InlineData("""{"batchSize":0}""", "batchSize")]
    [InlineData("""{"batchSize":33}""", "batchSize")]
    [InlineData("""{"maxDequeueCount":0}""", "maxDequeueCount")]
    [InlineData("""{"newBatchThreshold":-1}""", "newBatchThreshold")]
    [InlineData("""{"maxPollingInterval":"00:00:00.050"}""", "maxPollingInterval")]
    [InlineData("""{"visibilityTimeout":"soon"}""", "visibilityTimeout")]
    [InlineData("""{"messageEncoding":"utf8"}""", "messageEncoding")]
    public void AValueTheExtensionRefusesIsRefusedAtStartUpNamingIt(string queues, string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Parse("{\"extensions\":{\"queues\":" + queues + "}}"));

        Assert.Contains("extensions.queues." + name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBackOffDoublesRoughlyUpToTheMaximumAndResetsWhenMessagesCome()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next(foundMessages: false)).ToArray();

        Assert.Equal(TimeSpan.FromMilliseconds(100), delays[0]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First * 1.5 || pair.Second == TimeSpan.FromSeconds(2), $"{pair.First} → {pair.Second}"));
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next(foundMessages: true));
        Assert.True(backoff.Next(foundMessages: false) < TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData("lena-reminders", "lena-reminders-poison")]
    [InlineData("lena-reminders-poison", null)]
    [InlineData("a23456789012345678901234567890123456789012345678901234567", null)]
    [InlineData("a2345678901234567890123456789012345678901234567890123456", "a2345678901234567890123456789012345678901234567890123456-poison")]
    public void APoisonQueueIsTheQueueNameWithPoisonUnlessThatIsImpossible(string queue, string? poison)
    {
        Assert.Equal(poison, new QueueFunction("F", queue, "UseDevelopmentStorage=true").PoisonQueueName);
    }

    [Theory]
    [InlineData("Queues", "Queues", "direct")]
    [InlineData("Queues", "AzureWebJobsQueues", "prefixed")]
    [InlineData("Queues", "Queues__connectionString", "section")]
    [InlineData(null, "AzureWebJobsStorage", "default")]
    [InlineData("Missing", "Queues", null)]
    public void TheConnectionIsLookedUpAsTheHostDoes(string? connection, string setting, string? expected)
    {
        var settings = new AppSettings([KeyValuePair.Create(setting, expected ?? "unused")]);

        Assert.Equal(expected, QueueFunction.ResolveConnection(connection, settings));
    }

    [Theory]
    [InlineData("AzureWebJobs.DeliverReminders.Disabled", "true", true)]
    [InlineData("AzureWebJobs__DeliverReminders__Disabled", "True", true)]
    [InlineData("AzureWebJobs__DeliverReminders__Disabled", "1", true)]
    [InlineData("AzureWebJobs__DeliverReminders__Disabled", "false", false)]
    [InlineData("AzureWebJobs__Other__Disabled", "true", false)]
    public void AFunctionIsTurnedOffByItsDisabledSetting(string name, string value, bool disabled)
    {
        Assert.Equal(disabled, QueueFunction.IsDisabled("DeliverReminders", new AppSettings([KeyValuePair.Create(name, value)])));
    }
}
