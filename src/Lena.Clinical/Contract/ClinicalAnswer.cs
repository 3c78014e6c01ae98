using System.Text.Json;
using Lena.Clinical.Assessment;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Derived;
using Lena.Clinical.Rules;
using Lena.Clinical.Snapshot;
using Lena.Clinical.Validation;

namespace Lena.Clinical.Contract;

/// <summary>
/// A complete answer to one clinical request: HTTP status, content type and body bytes. Every
/// front end (the functions, the CLI, CDS Hooks, courses) goes through <see cref="For(Concern, ReadOnlyMemory{byte}, RuleSet, DateOnly)"/>
/// or its typed twin, so they answer byte for byte alike.
/// </summary>
public sealed record ClinicalAnswer(int Status, string ContentType, byte[] Body)
{
    /// <summary>The evaluated response (null for a problem), for telemetry: codes and versions, never the body.</summary>
    public EvaluationResponse? Response { get; init; }

    /// <summary>The evaluated patient (null for a problem), for callers that evaluate further concerns of the same snapshot.</summary>
    public PatientContext? Context { get; init; }

    /// <summary>The caller's opaque patient id, if sent; telemetry may only record its salted hash.</summary>
    public string? PatientId { get; init; }

    /// <summary>For a 400: every problem by JSON path, for callers that map them back to their own inputs (FHIR).</summary>
    public ValidationErrors? Errors { get; init; }

    public const string JsonMediaType = "application/json; charset=utf-8";
    public const string ProblemMediaType = "application/problem+json; charset=utf-8";

    public bool IsSuccess => Status == 200;

    /// <summary>Bytes in, bytes out: read (shape and type), validate, evaluate.</summary>
    public static ClinicalAnswer For(Concern concern, ReadOnlyMemory<byte> requestBody, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var parsed = SnapshotParser.Parse(requestBody, concern, rules, today);
        return parsed.IsValid ? Evaluated(concern, parsed.Snapshot!, rules, today) : Invalid(parsed.Errors);
    }

    /// <summary>The typed entry: a snapshot built by code (FHIR mapping, course state) is validated and evaluated alike.</summary>
    public static ClinicalAnswer For(Concern concern, PatientSnapshot snapshot, RuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = SnapshotValidator.Validate(snapshot, concern, rules, today);
        return errors.IsEmpty ? Evaluated(concern, snapshot, rules, today) : Invalid(errors);
    }

    public static ClinicalAnswer Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ClinicalAnswer(problem.Status, ProblemMediaType, JsonSerializer.SerializeToUtf8Bytes(problem, LenaJson.Options));
    }

    private static ClinicalAnswer Invalid(ValidationErrors errors) =>
        Problem(ProblemDetails.Validation(errors)) with { Errors = errors };

    private static ClinicalAnswer Evaluated(Concern concern, PatientSnapshot snapshot, RuleSet rules, DateOnly today)
    {
        var context = PatientContext.Create(snapshot, rules, today);
        var response = ClinicalEvaluator.Evaluate(concern, context);
        return new ClinicalAnswer(200, JsonMediaType, ResponseJson.Serialize(response))
        {
            Response = response,
            Context = context,
            PatientId = snapshot.PatientId,
        };
    }
}
