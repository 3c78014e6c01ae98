using System.Text.Json;

namespace Lena.Delivery.Tests;

public class ReminderCloudEventsTests
{
    internal static ReminderDelivery Reminder(string kind = "overdue", string careTeamId = "team-a")
    {
        var data = JsonDocument.Parse($$"""
            {"reminderId":"c0ffee:20261123-cbc:{{kind}}:1","courseId":"c0ffee","patientId":"pt-123","followUpId":"20261123-cbc","test":"cbc","dueDate":"2026-11-23","kind":"{{kind}}","message":"cbc was due on 2026-11-23.","careTeamId":"{{careTeamId}}"}
            """).RootElement.Clone();
        return new ReminderDelivery("c0ffee:20261123-cbc:" + kind + ":1", careTeamId, "c0ffee", "20261123-cbc", kind, new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), data);
    }

    [Theory]
    [InlineData("upcoming")]
    [InlineData("overdue")]
    [InlineData("alert")]
    public void IsAStructuredCloudEvents10JsonEventWithTheReminderAsData(string kind)
    {
        var reminder = Reminder(kind);

        using var json = JsonDocument.Parse(ReminderCloudEvents.Encode(reminder));
        var root = json.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(reminder.ReminderId, root.GetProperty("id").GetString());
        Assert.Equal("org.lenafunctions.reminder." + kind, root.GetProperty("type").GetString());
        Assert.Equal("/care-teams/team-a/reminders", root.GetProperty("source").GetString());
        Assert.Equal("courses/c0ffee/follow-ups/20261123-cbc", root.GetProperty("subject").GetString());
        Assert.Equal("2026-11-24T06:00:00Z", root.GetProperty("time").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(reminder.Data.GetRawText(), root.GetProperty("data").GetRawText());
        Assert.Equal(
            ["data", "datacontenttype", "id", "source", "specversion", "subject", "time", "type"],
            root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheEnvelopeCarriesNoPatientIdentifier()
    {
        var text = JsonDocument.Parse(ReminderCloudEvents.Encode(Reminder())).RootElement;

        foreach (var attribute in new[] { "id", "type", "source", "subject" })
        {
            Assert.DoesNotContain("pt-123", text.GetProperty(attribute).GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSameReminderAlwaysEncodesToTheSameBytesSoARetryIsTheSameEvent()
    {
        Assert.Equal(ReminderCloudEvents.Encode(Reminder()).ToArray(), ReminderCloudEvents.Encode(Reminder()).ToArray());
    }

    [Fact]
    public void AnUnknownKindIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ReminderCloudEvents.Create(Reminder() with { Kind = "later" }));
    }
}
