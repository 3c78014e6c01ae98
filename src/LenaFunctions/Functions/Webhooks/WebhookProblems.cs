using Lena.Clinical.Contract;
using LenaFunctions.Http;

namespace LenaFunctions.Functions.Webhooks;

internal static class WebhookProblems
{
    public static ProblemDetails InvalidCareTeam =>
        JsonBody.Invalid("careTeamId", "(in the path) must be the care team's opaque id: 1–64 of A–Z, a–z, 0–9, _ and -.");
}
