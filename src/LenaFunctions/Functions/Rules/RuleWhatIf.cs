using System.Diagnostics;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Clinical.Validation;
using LenaFunctions.Http;
using LenaFunctions.Security;
using LenaFunctions.Telemetry;
using Lena.Storage.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace LenaFunctions.Functions.Rules;

/// <summary>
/// <c>POST /api/rules/what-if</c> (authorised like publishing): each snapshot answered under the active
/// rule set and under a draft, and what differs — before anything is published. Stores nothing. Both
/// answers come from <see cref="ClinicalAnswer"/>, so they are what <c>POST /api/assessments</c> would
/// say under each rule set; a draft that does not validate is the 400 publishing gives.
/// </summary>
public sealed class RuleWhatIf(ActiveRuleSetProvider rules, RuleAdminAuthorization authorization, TimeProvider clock, ILogger<RuleWhatIf> logger)
{
    [Function(nameof(RuleWhatIf))]
    [RequiresRuleAdmin]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rules/what-if")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.RejectAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var body = await RequestBody.ReadJsonAsync(request, WhatIfInput.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, body.Problem, cancellationToken).ConfigureAwait(false);
        }

        var (whatIf, problem) = WhatIfInput.Read(body.Body!);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, cancellationToken).ConfigureAwait(false);
        }

        var serverToday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (whatIf!.Today is { } asked && DateWindows.EvaluationDayProblem(asked, serverToday) is { } outside)
        {
            return await HttpResponses.ProblemAsync(request, JsonBody.Invalid("today", outside), cancellationToken).ConfigureAwait(false);
        }

        var parsed = RuleSetDocument.Parse(whatIf.RuleSet);
        if (!parsed.IsValid)
        {
            return await HttpResponses.ProblemAsync(request, RuleSetProblems.Invalid(parsed, "no snapshot was evaluated."), cancellationToken).ConfigureAwait(false);
        }

        var active = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var draft = parsed.RuleSet!;
        var today = whatIf.Today ?? serverToday;
        var started = Stopwatch.GetTimestamp();
        var results = whatIf.Snapshots.Select((snapshot, index) => Compare(index, snapshot, active.RuleSet, draft, today)).ToList();
        var ruleChanges = RuleSetDiff.Compare(JsonNode.Parse(RuleSetDocument.Serialize(active.RuleSet)), JsonNode.Parse(RuleSetDocument.Serialize(draft)));

        var changedCount = results.Count(r => r.Changed);
        var elapsedMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
        logger.EvaluatedWhatIf(draft.Version, active.RuleSet.Version, changedCount, results.Count, elapsedMs);
        var response = await HttpResponses.JsonAsync(request, 200,
            new WhatIfResponse(active.RuleSet.Version, draft.Version, today, ruleChanges, changedCount, results),
            cancellationToken).ConfigureAwait(false);
        return response.WithRuleSet(active);
    }

    private static WhatIfResult Compare(int index, byte[] snapshot, RuleSet active, RuleSet draft, DateOnly today)
    {
        var before = ClinicalAnswer.For(Concern.Assessment, snapshot, active, today);
        var after = ClinicalAnswer.For(Concern.Assessment, snapshot, draft, today);
        var beforeBody = JsonNode.Parse(before.Body);
        var afterBody = JsonNode.Parse(after.Body);
        var differences = AnswerDifference.Between(before.Status, beforeBody, after.Status, afterBody);
        return new WhatIfResult(index, before.PatientId ?? after.PatientId, differences.Count > 0,
            new WhatIfAnswer(before.Status, beforeBody), new WhatIfAnswer(after.Status, afterBody), differences);
    }
}
