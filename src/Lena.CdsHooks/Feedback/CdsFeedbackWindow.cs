using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Feedback;

/// <summary>
/// Plausible outcome times for feedback: a clinician acts on a card shortly before the EHR reports
/// it, so a timestamp far in the past or in the future (year 9999, say) is a client bug, not data to keep.
/// </summary>
public static class CdsFeedbackWindow
{
    /// <summary>Clock skew tolerated between the EHR and us.</summary>
    public static readonly TimeSpan Future = TimeSpan.FromMinutes(5);

    /// <summary>How late feedback may arrive (EHRs batch and retry, but not for years).</summary>
    public static readonly TimeSpan Past = TimeSpan.FromDays(365);

    /// <summary>A 400 naming every item whose outcomeTimestamp is outside [now − 365 days, now + 5 minutes]; null when all fit.</summary>
    public static ProblemDetails? Check(IReadOnlyList<CdsFeedbackItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new ValidationErrors();
        for (var i = 0; i < items.Count; i++)
        {
            var at = items[i].OutcomeTimestamp;
            if (at > now + Future || at < now - Past)
            {
                errors.Add($"feedback[{i}].outcomeTimestamp",
                    $"must be when the clinician acted on the card: between {(now - Past).UtcDateTime:yyyy-MM-dd} and now (UTC, 5 minutes of clock skew allowed).");
            }
        }

        return errors.IsEmpty ? null : ProblemDetails.Validation(errors);
    }
}
