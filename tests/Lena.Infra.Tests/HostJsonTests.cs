using System.Text.Json.Nodes;

namespace Lena.Infra.Tests;

/// <summary>host.json as the Functions host reads it in Azure.</summary>
public class HostJsonTests
{
    private static readonly JsonNode Host = JsonNode.Parse(File.ReadAllText(Repository.File("host.json")))
        ?? throw new InvalidOperationException("host.json is empty.");

    [Fact]
    public void QueueTriggersReadThePlainJsonReminderMessages()
    {
        var queues = Host["extensions"]?["queues"];

        // The reminder timer writes plain JSON (QueueMessageEncoding.None); the queue extension
        // expects Base64 unless told otherwise (QueueTriggerAttribute remarks, Storage Queues extension 5.x).
        Assert.Equal("none", (string?)queues?["messageEncoding"]);
        // A reminder that fails every retry lands in lena-reminders-poison (the poison-queue alert).
        Assert.InRange((int?)queues?["maxDequeueCount"] ?? 0, 1, 10);
    }

    [Fact]
    public void TelemetryModeIsOpenTelemetryAndRoutesUnderApi()
    {
        Assert.Equal("OpenTelemetry", (string?)Host["telemetryMode"]);
        Assert.Equal("api", (string?)Host["extensions"]?["http"]?["routePrefix"]);
        Assert.Equal("2.0", (string?)Host["version"]);
    }
}
