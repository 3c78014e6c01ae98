using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;
using Lena.Clinical.Validation;

namespace Lena.Clinical.Tests.Validation;

/// <summary>
/// Issue 13: every date a snapshot carries has a plausible window (README "Date windows"), checked at both sides of
/// both bounds; the ends of the calendar (year 1, year 9999) are a 400 naming the field, never an overflow.
/// Today is 2026-11-20.
/// </summary>
public class DateWindowTests
{
    private static JsonObject With(string field, string date) => field switch
    {
        "labs.takenOn" => EvaluatorRequests.Patient().Labs(1800, 140_000, takenOn: date),
        "liver.takenOn" => EvaluatorRequests.Patient().Set("liver", new JsonObject { ["takenOn"] = date, ["altTimesUpperLimit"] = 0.8 }),
        "pregnancyTests[0].takenOn" => EvaluatorRequests.Woman().Set("pregnancyTests", new JsonArray(new JsonObject { ["takenOn"] = date, ["result"] = "negative" })),
        _ => EvaluatorRequests.Patient().Set("therapy.startDate", date),
    };

    [Theory]
    [InlineData("labs.takenOn", "2026-11-20", true)]
    [InlineData("labs.takenOn", "2026-11-21", false)] // after today (API.md)
    [InlineData("labs.takenOn", "2021-11-20", true)] // 5 years back
    [InlineData("labs.takenOn", "2021-11-19", false)]
    [InlineData("liver.takenOn", "2026-11-20", true)]
    [InlineData("liver.takenOn", "2026-11-21", false)]
    [InlineData("liver.takenOn", "2021-11-20", true)]
    [InlineData("liver.takenOn", "2021-11-19", false)]
    [InlineData("pregnancyTests[0].takenOn", "2026-11-20", true)]
    [InlineData("pregnancyTests[0].takenOn", "2026-11-21", false)]
    [InlineData("pregnancyTests[0].takenOn", "2024-11-20", true)] // 2 years back
    [InlineData("pregnancyTests[0].takenOn", "2024-11-19", false)]
    [InlineData("therapy.startDate", "2006-11-20", true)] // 20 years back
    [InlineData("therapy.startDate", "2006-11-19", false)]
    [InlineData("therapy.startDate", "2027-11-20", true)] // 1 year ahead
    [InlineData("therapy.startDate", "2027-11-21", false)]
    public void Every_snapshot_date_has_a_window(string field, string date, bool accepted)
    {
        var reply = EvaluatorRequests.Post(Concern.Assessment, With(field, date));

        var refused = reply.Status == 400 && reply.Errors.ContainsKey(field);
        Assert.Equal(!accepted, refused);
    }

    [Theory]
    [InlineData("labs.takenOn")]
    [InlineData("liver.takenOn")]
    [InlineData("pregnancyTests[0].takenOn")]
    [InlineData("therapy.startDate")]
    public void The_ends_of_the_calendar_are_a_400_naming_the_field(string field)
    {
        foreach (var date in new[] { "0001-01-01", "9999-12-31" })
        {
            var reply = EvaluatorRequests.Post(Concern.Assessment, With(field, date));

            Assert.Equal(400, reply.Status);
            Assert.Contains(date, reply.ErrorAt(field), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2004-12-31", false)] // before lenalidomide's first US approval (2005)
    [InlineData("2005-01-01", true)]
    [InlineData("2027-11-20", true)] // one year after today
    [InlineData("2027-11-21", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void An_evaluation_day_a_caller_sets_lies_between_first_approval_and_a_year_ahead(string day, bool accepted)
    {
        var problem = DateWindows.EvaluationDayProblem(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), EvaluatorRequests.Today);

        Assert.Equal(accepted, problem is null);
        if (problem is not null)
        {
            Assert.Contains("REVLIMID US Prescribing Information", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2005-01-01")]
    [InlineData("2027-11-20")]
    public void Every_snapshot_evaluated_on_the_edge_days_of_the_window_answers_without_an_overflow(string day)
    {
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var body = EvaluatorRequests.Patient().Labs(1800, 140_000, takenOn: day).Set("therapy.startDate", day);

        Assert.Equal(200, EvaluatorRequests.Post(Concern.Assessment, body, today: today).Status);
    }
}
