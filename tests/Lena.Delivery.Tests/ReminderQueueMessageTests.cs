using System.Text.Json;

namespace Lena.Delivery.Tests;

public class ReminderQueueMessageTests
{
    private static readonly DateTimeOffset Queued = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReadsTheEnvelopeFieldsAndKeepsTheMessageUnchangedAsData()
    {
        const string text = """{"reminderId":"c1:f1:upcoming","courseId":"c1","patientId":"pt-9","followUpId":"f1","test":"cbc","dueDate":"2026-12-05","kind":"upcoming","message":"cbc is due.","careTeamId":"ward-7"}""";

        var reminder = ReminderQueueMessage.Parse(text, Queued);

        Assert.Equal(("c1:f1:upcoming", "ward-7", "c1", "f1", "upcoming", Queued), (reminder.ReminderId, reminder.CareTeamId, reminder.CourseId, reminder.FollowUpId, reminder.Kind, reminder.IssuedAt));
        Assert.Equal(text, reminder.Data.GetRawText());
    }

    [Fact]
    public void AMessageWithoutACareTeamBelongsToTheDefaultTeam()
    {
        var reminder = ReminderQueueMessage.Parse("""{"reminderId":"r","courseId":"c","followUpId":"f","kind":"overdue"}""", Queued);

        Assert.Equal("default", reminder.CareTeamId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"courseId":"c","followUpId":"f","kind":"overdue"}""")]
    [InlineData("""{"reminderId":"r","courseId":"c","followUpId":"f","kind":"overdue","careTeamId":"ward 7"}""")]
    public void AMessageThatIsNotAReminderIsAFormatErrorSoItEndsInThePoisonQueue(string text)
    {
        Assert.Throws<FormatException>(() => ReminderQueueMessage.Parse(text, Queued));
    }

    [Fact]
    public void TheDataIsTheMessageSoTheEventCarriesEveryContractField()
    {
        var reminder = ReminderQueueMessage.Parse("""{"reminderId":"r","courseId":"c","followUpId":"f","kind":"alert","patientId":"pt-1"}""", Queued);

        using var json = JsonDocument.Parse(ReminderCloudEvents.Encode(reminder));
        Assert.Equal("pt-1", json.RootElement.GetProperty("data").GetProperty("patientId").GetString());
    }
}
