namespace Lena.Courses.Reminders;

/// <summary>Where reminders go: the storage queue the portal's notifier consumes.</summary>
public interface IReminderSender
{
    Task SendAsync(ReminderMessage message, CancellationToken cancellationToken);
}
