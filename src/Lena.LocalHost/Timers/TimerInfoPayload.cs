using System.Text;
using System.Text.Json;

namespace Lena.LocalHost.Timers;

/// <summary>
/// The timer trigger's input in the host's JSON shape:
/// <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":…,"Next":…,"LastUpdated":…},"IsPastDue":false}</c>.
/// <c>Last</c> is <c>0001-01-01T00:00:00</c> before the first run, as with a fresh schedule monitor.
/// </summary>
public sealed record TimerInfoPayload(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset LastUpdated, bool IsPastDue)
{
    private const string NeverRun = "0001-01-01T00:00:00";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Schedule");
            json.WriteBoolean("AdjustForDST", true);
            json.WriteEndObject();
            json.WriteStartObject("ScheduleStatus");
            json.WriteString(nameof(Last), Last is { } last ? Format(last) : NeverRun);
            json.WriteString(nameof(Next), Next is { } next ? Format(next) : NeverRun);
            json.WriteString(nameof(LastUpdated), Format(LastUpdated));
            json.WriteEndObject();
            json.WriteBoolean(nameof(IsPastDue), IsPastDue);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
