using System.Text.Json;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;

namespace Lena.Clinical.Contract;

/// <summary>
/// A complete answer to one clinical request: HTTP status, content type and body bytes. Every
/// front end (the functions, the CLI) goes through <see cref="For"/>, so they answer byte for byte alike.
/// </summary>
public sealed record ClinicalAnswer(int Status, string ContentType, byte[] Body)
{
    /// <summary>The evaluated response (null for a problem), for telemetry: codes and versions, never the body.</summary>
    public EvaluationResponse? Response { get; init; }

    /// <summary>The evaluated patient (null for a problem), for callers that evaluate further concerns of the same snapshot.</summary>
    public PatientContext? Context { get; init; }

    /// <summary>The caller's opaque patient id, if sent; telemetry may only record its salted hash.</summary>
    public string? PatientId { get; init; }

    public const string JsonMediaType = "application/json; charset=utf-8";
    public const string ProblemMediaType = "application/problem+json; charset=utf-8";

    public bool IsSuccess => Status == 200;

    public static ClinicalAnswer For(Concern concern, ReadOnlyMemory<byte> requestBody, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var parsed = SnapshotParser.Parse(requestBody, concern, rules, today);
        if (!parsed.IsValid)
        {
            return Problem(ProblemDetails.Validation(parsed.Errors));
        }

        var context = PatientContext.Create(parsed.Snapshot!, rules, today);
        var response = ClinicalEvaluator.Evaluate(concern, context);
        return new ClinicalAnswer(200, JsonMediaType, JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), LenaJson.Options))
        {
            Response = response,
            Context = context,
            PatientId = parsed.Snapshot!.PatientId,
        };
    }

    public static ClinicalAnswer Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ClinicalAnswer(problem.Status, ProblemMediaType, JsonSerializer.SerializeToUtf8Bytes(problem, LenaJson.Options));
    }
}
