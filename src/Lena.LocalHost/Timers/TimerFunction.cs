using Lena.LocalHost.Settings;
using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Timers;

/// <summary>A timer-triggered function: its name, its parsed schedule (with <c>%Setting%</c> resolved) and <c>runOnStartup</c>.</summary>
public sealed record TimerFunction(string Name, NcrontabSchedule Schedule, bool RunOnStartup)
{
    public static TimerFunction FromFunction(FunctionDescriptor function, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        var trigger = function.Trigger;
        var schedule = trigger.Text("schedule") ?? throw new InvalidOperationException($"Timer function {function.Name} has no schedule.");
        var resolved = settings.Resolve(schedule);
        try
        {
            return new TimerFunction(function.Name, NcrontabSchedule.Parse(resolved), trigger.Flag("runOnStartup"));
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Timer function {function.Name}: schedule '{schedule}'{(resolved == schedule ? string.Empty : $" ('{resolved}')")} is not a six-field NCRONTAB expression: {ex.Message}", ex);
        }
    }
}
