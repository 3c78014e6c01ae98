using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>Therapy status, dexamethasone, regimen agents, co-medications and lenalidomide hypersensitivity.</summary>
internal static class MedicationMapper
{
    private static readonly HashSet<string> UsableStatuses = ["active", "on-hold", "draft"];
    private static readonly HashSet<string> UsableIntents = ["order", "plan", "proposal"];
    private static readonly HashSet<string> InterruptionCauses = ["neutropenia", "thrombocytopenia", "otherToxicity"];

    /// <summary>dexamethasone "high dose" is at least 480 mg a month (API.md).</summary>
    private const double HighDoseDexamethasoneMgPer28Days = 480;

    /// <summary>
    /// A request with its RxNorm codes (own, or of the referenced or contained Medication and its ingredients) and
    /// what they contain, whatever their term type (<see cref="RxNormIngredients"/>).
    /// </summary>
    private sealed record CodedRequest(MedicationRequest Request, IReadOnlyList<string> Codes)
    {
        public string Reference => FhirValues.Reference(Request);

        public IEnumerable<string> Ingredients => Codes.SelectMany(RxNormIngredients.Of).Distinct(StringComparer.Ordinal);

        public bool Contains(string ingredient) => Codes.Any(c => RxNormIngredients.Of(c).Contains(ingredient));

        /// <summary>"RxNorm 855332" for the first code that contains <paramref name="ingredient"/>.</summary>
        public string? CodeOf(string ingredient) => Codes.FirstOrDefault(c => RxNormIngredients.Of(c).Contains(ingredient)) is { } code ? $"RxNorm {code}" : null;

        /// <summary>Strength of the tablet or capsule the request is coded as, when it is a single-ingredient product of <paramref name="ingredient"/>.</summary>
        public double? StrengthMg(string ingredient) => Codes
            .Select(c => ingredient == RxNormIngredients.Lenalidomide ? RxNormCodes.Lenalidomide.GetValueOrDefault(c) ?? RxNormIngredients.Product(c)?.StrengthMg : RxNormIngredients.Product(c)?.StrengthMg)
            .FirstOrDefault(s => s is not null);
    }

    public static OrderedDose? Map(MappingContext context)
    {
        var usable = context.MedicationRequests
            .Where(r => !IsDraftOrder(context, r))
            .Where(r => FhirValues.Text(r.StatusElement) is { } s && UsableStatuses.Contains(s))
            .Where(r => FhirValues.Text(r.IntentElement) is { } i && UsableIntents.Contains(i))
            .Select(r => (Request: r, Coded: Code(context, r)))
            .ToList();
        var requests = usable.Select(r => r.Coded).OfType<CodedRequest>().ToList();
        ReportUnrecognised(context, usable);

        var draft = context.DraftOrder is { } order ? Code(context, order) : null;
        var draftDose = DraftDose(context, draft);
        MapTherapy(context, requests, draft);
        MapDexamethasone(context, requests);
        MapRegimenAgents(context, requests);
        MapConcomitant(context, requests);
        AllergyMapper.Map(context);
        return draftDose;
    }

    private static bool IsDraftOrder(MappingContext context, MedicationRequest request) =>
        context.DraftOrder is { } draft
        && (ReferenceEquals(draft, request) || (draft.Id is not null && draft.Id == request.Id));

    /// <summary>The request's RxNorm codes: its own, or its Medication's and that Medication's ingredients'.</summary>
    internal static IReadOnlyList<string> RxNormCodesOf(MappingContext context, MedicationRequest request) =>
        Code(context, request)?.Codes ?? [];

    private static CodedRequest? Code(MappingContext context, MedicationRequest request)
    {
        var codes = new List<string>();
        switch (request.Medication)
        {
            case CodeableConcept concept:
                codes.AddRange(RxNorm(concept));
                break;
            case ResourceReference reference when Resolve(context, request, reference.Reference) is { } medication:
                codes.AddRange(RxNorm(medication.Code));
                codes.AddRange(medication.Ingredient.Select(i => i.Item).OfType<CodeableConcept>().SelectMany(RxNorm));
                break;
            case ResourceReference reference:
                context.Problem("concomitantMedications", FhirProblemKind.Missing,
                    $"{FhirValues.Reference(request)} refers to medication '{reference.Reference}', which is not in the record; its drug is unknown. Include the Medication (or contain it) in the request.",
                    blocking: false, serverCouldResolve: true, FhirValues.Reference(request));
                break;
        }

        return codes.Count == 0 ? null : new CodedRequest(request, codes);
    }

    /// <summary>
    /// A current request none of our tables knows (a branded pack no published value set lists, a drug coded only
    /// in text) would silently count as no drug, under-counting VTE risk or missing an interaction; each is named,
    /// non-blocking, on the cards that read co-medications, so it can be recoded or judged.
    /// </summary>
    private static void ReportUnrecognised(MappingContext context, List<(MedicationRequest Request, CodedRequest? Coded)> usable)
    {
        foreach (var (request, coded) in usable)
        {
            if (FhirValues.Text(request.StatusElement) is not ("active" or "on-hold")
                || (request.Medication is ResourceReference medication && Resolve(context, request, medication.Reference) is null)
                || (coded is not null && coded.Codes.Any(IsKnown)))
            {
                continue; // a draft, an unresolved Medication (reported in Code), or read
            }

            var reference = FhirValues.Reference(request);
            var codes = coded is null ? "no RxNorm coding" : "RxNorm " + string.Join(", ", coded.Codes.Distinct());
            context.Problem("concomitantMedications", FhirProblemKind.Invalid,
                $"{reference} ({Name(request)}; {codes}) was not recognised, so it was not counted: the advice does not know whether it is an anticoagulant, aspirin, an estrogen, an ESA or another drug that changes it. Judge it yourself, or recode it with an RxNorm code of its ingredient or clinical drug. Read: {RxNormCodes.ReadIngredients}.",
                blocking: false, serverCouldResolve: false, reference);
        }
    }

    private static bool IsKnown(string code) =>
        RxNormCodes.Lenalidomide.ContainsKey(code) || RxNormIngredients.IsKnown(code) || RxNormCodes.RegimenAgent.ContainsKey(code);

    /// <summary>What the order calls its drug (code display or text), for messages; never a patient detail.</summary>
    private static string Name(MedicationRequest request)
    {
        var concept = request.Medication as CodeableConcept;
        var text = concept?.Text ?? concept?.Coding.FirstOrDefault(c => c.Display is not null)?.Display
            ?? (request.Medication as ResourceReference)?.Display;
        return text is null ? "no drug name" : $"'{text}'";
    }

    private static IEnumerable<string> RxNorm(CodeableConcept? concept) =>
        (concept?.Coding ?? []).Where(c => c.System == FhirSystems.RxNorm && c.Code is not null).Select(c => c.Code!);

    private static Medication? Resolve(MappingContext context, MedicationRequest request, string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.StartsWith('#'))
        {
            return request.Contained.OfType<Medication>().FirstOrDefault(m => m.Id == reference[1..]);
        }

        var id = reference.StartsWith("Medication/", StringComparison.Ordinal) ? reference["Medication/".Length..] : null;
        return id is null ? null : context.Record.Medications.FirstOrDefault(m => m.Id == id);
    }

    private static bool IsLenalidomide(CodedRequest request) =>
        request.Codes.Any(RxNormCodes.Lenalidomide.ContainsKey) || request.Contains(RxNormIngredients.Lenalidomide);

    private static OrderedDose? DraftDose(MappingContext context, CodedRequest? draft)
    {
        if (draft is null || !IsLenalidomide(draft))
        {
            if (context.DraftOrder is { } order && draft is null)
            {
                context.Problem("therapy.currentDoseMg", FhirProblemKind.Invalid,
                    $"{FhirValues.Reference(order)} (the draft order) is not coded as lenalidomide in RxNorm (e.g. 342369, or a capsule code such as 602910); its dose was not read.",
                    blocking: false, serverCouldResolve: false, FhirValues.Reference(order));
            }

            return null;
        }

        if (DoseReader.DoseMg(draft.Request, draft.StrengthMg(RxNormIngredients.Lenalidomide), out var why) is not { } dose)
        {
            context.Problem("draftOrder.dose", FhirProblemKind.Invalid,
                $"{draft.Reference} (the draft order) has {why}; its dose cannot be checked.",
                blocking: false, serverCouldResolve: false, draft.Reference);
            return null;
        }

        var frequency = DoseReader.Frequency(draft.Request);
        if (frequency is null)
        {
            context.Problem("draftOrder.frequency", FhirProblemKind.Invalid,
                $"{draft.Reference} (the draft order) has a timing that is neither once daily (timing.repeat frequency 1, period 1, periodUnit d) nor every 48 hours (frequency 1, period 2, periodUnit d); its schedule cannot be checked.",
                blocking: false, serverCouldResolve: false, draft.Reference);
        }

        return new OrderedDose(dose, frequency, draft.Reference);
    }

    private static void MapTherapy(MappingContext context, List<CodedRequest> requests, CodedRequest? draft)
    {
        var current = requests
            .Where(IsLenalidomide)
            .Where(r => FhirValues.Text(r.Request.StatusElement) is "active" or "on-hold")
            .ToList();
        if (current.Count > 1)
        {
            context.Problem("therapy.status", FhirProblemKind.Ambiguous,
                $"More than one current lenalidomide MedicationRequest ({string.Join(", ", current.Select(r => r.Reference))}); complete or cancel the superseded ones.",
                blocking: true, serverCouldResolve: false);
            return;
        }

        if (current.Count == 0)
        {
            var start = draft is null ? null : DoseReader.PlannedStart(draft.Request);
            var basis = start is null ? "today (the draft order has no timing boundsPeriod.start)" : "the draft order's timing boundsPeriod.start";
            context.Use("therapy.status", "starting", draft?.Reference ?? "(no lenalidomide MedicationRequest)", null, null,
                sourceValue: "no active or on-hold lenalidomide MedicationRequest");
            context.Use("therapy.startDate", FhirValues.Format(start ?? context.Today), draft?.Reference ?? "(today)", start ?? context.Today, null, sourceValue: basis);
            context.Set("therapy.daysOnTherapy", 0);
            return;
        }

        var request = current[0];
        var status = FhirValues.Text(request.Request.StatusElement) == "active" ? "onTreatment" : "interrupted";
        var code = request.CodeOf(RxNormIngredients.Lenalidomide);
        context.Use("therapy.status", status, request.Reference, null, code, sourceValue: FhirValues.Text(request.Request.StatusElement));

        if (DoseReader.DoseMg(request.Request, request.StrengthMg(RxNormIngredients.Lenalidomide), out var why) is { } dose)
        {
            context.Use("therapy.currentDoseMg", dose, request.Reference, null, code);
        }
        else
        {
            context.Problem("therapy.currentDoseMg", FhirProblemKind.Invalid,
                $"{request.Reference} (current lenalidomide) has {why}; the current dose is required when on treatment or interrupted.",
                blocking: true, serverCouldResolve: false, request.Reference);
        }

        if (DoseReader.StartDate(request.Request) is { } startDate)
        {
            context.Use("therapy.startDate", FhirValues.Format(startDate), request.Reference, startDate, code,
                sourceValue: "timing boundsPeriod.start, else authoredOn");
            var days = Math.Max(0, context.Today.DayNumber - startDate.DayNumber);
            context.Use("therapy.daysOnTherapy", days, request.Reference, startDate, code, sourceValue: $"days from {FhirValues.Format(startDate)} to {FhirValues.Format(context.Today)}");
        }
        else
        {
            context.Problem("therapy.startDate", FhirProblemKind.Missing,
                $"{request.Reference} has neither dosageInstruction[0].timing.repeat.boundsPeriod.start nor authoredOn; days on therapy cannot be counted.",
                blocking: true, serverCouldResolve: false, request.Reference);
        }

        if (status == "interrupted")
        {
            MapInterruption(context, request);
        }
    }

    private static void MapInterruption(MappingContext context, CodedRequest request)
    {
        var cause = request.Request.StatusReason?.Coding
            .FirstOrDefault(c => c.System == LenaFhirExtensions.InterruptionCauseSystem && c.Code is not null && InterruptionCauses.Contains(c.Code));
        if (cause is null)
        {
            context.Problem("therapy.interruptedFor", FhirProblemKind.NotInFhir,
                $"{request.Reference} is on-hold without a readable cause. Send statusReason with a coding of system {LenaFhirExtensions.InterruptionCauseSystem} and code neutropenia, thrombocytopenia or otherToxicity.",
                blocking: true, serverCouldResolve: false, request.Reference);
            return;
        }

        context.Use("therapy.interruptedFor", cause.Code!, request.Reference, null, $"{LenaFhirExtensions.InterruptionCauseSystem} {cause.Code}");
    }

    private static void MapDexamethasone(MappingContext context, List<CodedRequest> requests)
    {
        var dexamethasone = requests.Where(r => r.Contains(RxNormIngredients.Dexamethasone)).ToList();
        if (dexamethasone.Count == 0)
        {
            context.Set("regimen.dexamethasone", "none");
            return;
        }

        var highest = 0.0;
        CodedRequest? basis = null;
        foreach (var request in dexamethasone)
        {
            var dose = DoseReader.DoseMg(request.Request, request.StrengthMg(RxNormIngredients.Dexamethasone), out var doseWhy);
            var administrations = DoseReader.AdministrationsPer28Days(request.Request, out var timingWhy);
            if (dose is null || administrations is null)
            {
                context.Problem("regimen.dexamethasone", FhirProblemKind.Invalid,
                    $"{request.Reference} (dexamethasone) has {doseWhy ?? timingWhy}; low or high dose (≥ 480 mg per 28 days) cannot be told. Send doseQuantity in mg (or a tablet count with a tablet-strength RxNorm code) and timing.repeat frequency/period/periodUnit (with boundsDuration or count for pulses, e.g. 40 mg once daily, count 12 per cycle).",
                    blocking: true, serverCouldResolve: false, request.Reference);
                return;
            }

            var mgPer28Days = dose.Value * administrations.Value;
            if (basis is null || mgPer28Days > highest)
            {
                highest = mgPer28Days;
                basis = request;
            }
        }

        var level = highest >= HighDoseDexamethasoneMgPer28Days ? "highDose" : "lowDose";
        context.Use("regimen.dexamethasone", level, basis!.Reference, null, basis.CodeOf(RxNormIngredients.Dexamethasone),
            sourceValue: $"{FhirValues.Format(highest)} mg per 28 days");
    }

    private static void MapRegimenAgents(MappingContext context, List<CodedRequest> requests)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var code in request.Codes.Where(RxNormCodes.RegimenAgent.ContainsKey))
            {
                var flag = RxNormCodes.RegimenAgent[code];
                if (added.Add(flag))
                {
                    context.Use("regimen." + flag, true, request.Reference, FhirValues.Date(FhirValues.Text(request.Request.AuthoredOnElement)), $"RxNorm {code}");
                }
            }
        }
    }

    /// <summary>
    /// Current co-medications by ingredient. Drugs the snapshot has no value for yet (heparin, fondaparinux) are
    /// anticoagulants the advice must not ignore: each is named, non-blocking, on the cards that read co-medications.
    /// </summary>
    private static void MapConcomitant(MappingContext context, List<CodedRequest> requests)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var ingredient in request.Ingredients)
            {
                var code = request.CodeOf(ingredient);
                var rxnorm = request.Codes.First(c => RxNormIngredients.Of(c).Contains(ingredient));
                if (RxNormIngredients.ConcomitantMedication(rxnorm, ingredient) is not { } value)
                {
                    if (RxNormIngredients.IsAnticoagulantWithoutValue(ingredient))
                    {
                        context.Problem("concomitantMedications", FhirProblemKind.NotInFhir,
                            $"{request.Reference} ({code}) is {ingredient}, an anticoagulant the advice has no value for: the thromboprophylaxis advice does not count it. Judge prophylaxis with it in mind.",
                            blocking: false, serverCouldResolve: false, request.Reference);
                    }

                    continue;
                }

                if (!added.Add(value))
                {
                    continue;
                }

                if (context.Get("concomitantMedications") is not JsonArray list)
                {
                    list = [];
                    context.Set("concomitantMedications", list);
                }

                list.Add(value);
                context.Report(new UsedFhirValue("concomitantMedications", value, ingredient, null, request.Reference, FhirValues.Date(FhirValues.Text(request.Request.AuthoredOnElement)), code));
            }
        }
    }
}
