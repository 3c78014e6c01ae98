using System.Globalization;
using Lena.Clinical.Contract;
using Lena.Courses;
using Lena.Courses.Worklist;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LenaFunctions.Functions.Worklist;

/// <summary>
/// <c>GET /api/worklist?careTeamId=…&amp;from=…&amp;to=…&amp;status=due|overdue|all&amp;pageSize=…&amp;continuationToken=…</c>:
/// a care team's follow-ups due in the date range across its courses, by due date, a page at a time. It
/// reads only that team's rows for those dates (partition per team and month, row key from the due date).
/// </summary>
public sealed class GetWorklist(ICourseStore store, TimeProvider clock)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxRangeDays = 366;

    private static readonly string[] Statuses = ["due", "overdue", "all"];

    [Function(nameof(GetWorklist))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "worklist")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (query, token, errors) = Parse(System.Web.HttpUtility.ParseQueryString(request.Url.Query), today);
        if (!errors.IsEmpty)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(errors), cancellationToken).ConfigureAwait(false);
        }

        if (token is not null)
        {
            var after = WorklistToken.Decode(token, query);
            if (after is null)
            {
                var bad = new ValidationErrors();
                bad.Add("continuationToken", "is not a token this query returned: send the continuationToken of the previous page unchanged, with the same careTeamId, from, to and status.");
                return await HttpResponses.ProblemAsync(request, ProblemDetails.Validation(bad), cancellationToken).ConfigureAwait(false);
            }

            query = query with { After = after };
        }

        var page = await store.ReadWorklistAsync(query, cancellationToken).ConfigureAwait(false);
        var view = new WorklistView(query.CareTeamId, query.From, query.To, Statuses[(int)query.Status],
            page.Items.Select(i => WorklistItemView.Of(i, today)).ToArray(),
            page.Next is { } next ? WorklistToken.Encode(query with { After = null }, next) : null);
        return await HttpResponses.JsonAsync(request, 200, view, cancellationToken).ConfigureAwait(false);
    }

    private static (WorklistQuery Query, string? Token, ValidationErrors Errors) Parse(System.Collections.Specialized.NameValueCollection q, DateOnly today)
    {
        var errors = new ValidationErrors();
        var team = q["careTeamId"];
        if (!CareTeams.IsValid(team))
        {
            errors.Add("careTeamId", "is required: the care team's id as given at enrollment (1–64 of A–Z, a–z, 0–9, _ and -).");
        }

        var from = Date(q["from"], "from", today, errors);
        var to = Date(q["to"], "to", from, errors);
        if (to < from)
        {
            errors.Add("to", $"is before from ({from:yyyy-MM-dd}).");
        }
        else if (to.DayNumber - from.DayNumber >= MaxRangeDays)
        {
            errors.Add("to", $"makes a range of more than {MaxRangeDays} days; ask for a shorter range.");
        }

        var statusText = q["status"] ?? "all";
        var status = Array.IndexOf(Statuses, statusText);
        if (status < 0)
        {
            errors.Add("status", $"\"{statusText}\" is not one of: {string.Join(", ", Statuses)}.");
        }

        var pageSize = DefaultPageSize;
        if (q["pageSize"] is { } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");
        }

        var query = new WorklistQuery(team ?? string.Empty, from, to, status < 0 ? WorklistStatus.All : (WorklistStatus)status, today, pageSize, null);
        return (query, q["continuationToken"], errors);
    }

    private static DateOnly Date(string? text, string name, DateOnly fallback, ValidationErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, $"\"{text}\" is not a date: send yyyy-MM-dd.");
        return fallback;
    }
}
