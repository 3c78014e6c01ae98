using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Discovery;

/// <summary>The two services this app offers, one per order hook.</summary>
public static class LenaCdsServices
{
    public const string OrderSelectId = "lenalidomide-order-select";
    public const string OrderSignId = "lenalidomide-order-sign";
    public const string OrderSelectHook = "order-select";
    public const string OrderSignHook = "order-sign";

    private const string Usage =
        "Send a signed JWT (RS384 or ES384) from a trusted issuer and the function key. Prefetch every key, or give "
        + "fhirServer and fhirAuthorization with read access to Patient, Condition, Observation, MedicationRequest, "
        + "Medication and AllergyIntolerance. Facts FHIR cannot hold (female of reproductive potential, transplant "
        + "candidacy, cytogenetics) are read from the extensions documented in the README.";

    public static IReadOnlyList<CdsServiceDefinition> All { get; } =
    [
        new(
            OrderSelectHook,
            "Lenalidomide dosing and safety (order select)",
            "When a lenalidomide order is selected: starting or current dose with renal adjustment, toxicity hold, "
            + "thromboprophylaxis, contraindications and REMS duties, each card citing the label or guideline.",
            OrderSelectId,
            PrefetchTemplates.All,
            Usage),
        new(
            OrderSignHook,
            "Lenalidomide dosing and safety (order sign)",
            "Before a lenalidomide order is signed: the same advice as order-select (same card uuids), with a dose "
            + "change offered as an update of the draft order when the ordered dose differs.",
            OrderSignId,
            PrefetchTemplates.All,
            Usage),
    ];

    /// <summary>The 404 for an id that is none of <see cref="All"/>.</summary>
    public static ProblemDetails UnknownService() => ProblemDetails.Of(404, ProblemTypes.NotFound, "No such CDS service.",
        $"This app offers {string.Join(" and ", All.Select(s => s.Id))}; see GET /api/cds-services.");

    public static CdsServiceDefinition? Find(string id) =>
        All.FirstOrDefault(service => string.Equals(service.Id, id, StringComparison.Ordinal));
}
