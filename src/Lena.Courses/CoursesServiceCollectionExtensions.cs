using Lena.Courses.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lena.Courses;

public static class CoursesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the course workflow (enrollment, completion, stop, plan extension, the reminder
    /// sweep) and its <c>FollowUpReminders</c> options. The stores and senders it needs
    /// (<see cref="ICourseStore"/>, <see cref="IReminderSender"/>) come from an adapter project.
    /// </summary>
    public static IServiceCollection AddLenaCourses(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReminderOptions>()
            .Bind(configuration.GetSection(ReminderOptions.SectionName))
            .Validate(o => o.LeadTimeHours >= 0 && o.OverdueRepeatDays > 0 && o.ClaimLeaseMinutes > 0 && o.BatchSize is > 0 and <= 1000,
                "FollowUpReminders: LeadTimeHours ≥ 0, OverdueRepeatDays > 0, ClaimLeaseMinutes > 0, BatchSize 1–1000.")
            .ValidateOnStart();
        services.AddSingleton<CourseService>();
        services.AddSingleton<Therapy.TherapyRecorder>();
        services.AddSingleton<ReminderSweeper>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
