using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>Indication, dialysis, pregnancy and VTE risk factors from Conditions (ICD-10-CM, SNOMED CT).</summary>
internal static class ConditionMapper
{
    private static readonly HashSet<string> ActiveStatuses = ["active", "recurrence", "relapse"];
    private static readonly HashSet<string> IgnoredVerification = ["refuted", "entered-in-error"];

    private static readonly string[] Indications =
    [
        "multipleMyeloma", "multipleMyelomaMaintenance", "mdsDel5q", "mdsNonDel5q", "mantleCellLymphoma",
        "follicularLymphoma", "marginalZoneLymphoma", "cll",
    ];

    /// <summary>VTE risk factors FHIR conditions cannot tell; listed so a clinician sees they were not assessed.</summary>
    private static readonly (string Factor, string What)[] NotInFhir =
    [
        ("immobilization", "immobilization"),
        ("recentSurgeryOrTrauma", "recent surgery or trauma"),
        ("centralVenousCatheterOrPacemaker", "a central venous catheter or pacemaker"),
        ("acuteInfection", "an acute infection"),
        ("hyperviscosity", "hyperviscosity"),
        ("newlyDiagnosedMyeloma", "newly diagnosed myeloma"),
    ];

    /// <param name="Current">Whether the condition is going on now (<see cref="IsCurrent"/>); only prior VTE ignores it.</param>
    private sealed record Coded(Condition Condition, ConditionMeaning Meaning, string Code, bool Current);

    public static void Map(MappingContext context)
    {
        var all = context.Conditions
            .Where(c => !IsRefutedOrErroneous(c))
            .SelectMany(c => (c.Code?.Coding ?? []).Select(coding => (c, coding)))
            .SelectMany(x => ConditionCodes.MeaningsOf(x.coding.System, x.coding.Code)
                .Select(meaning => new Coded(x.c, meaning, $"{FhirSystems.Label(x.coding.System)} {x.coding.Code}", IsCurrent(x.c))))
            .ToList();

        // Prior VTE is history: a resolved or inactive VTE still counts. Everything else must be current.
        var current = all.Where(c => c.Current).ToList();
        MapIndication(context, current.Where(c => ConditionCodes.IsIndication(c.Meaning)).ToList());
        MapFlag(context, current, ConditionMeaning.Dialysis, "renal.onDialysis");
        MapFlag(context, current, ConditionMeaning.Pregnancy, "pregnant");
        foreach (var meaning in all.Select(c => c.Meaning).Distinct())
        {
            if (ConditionCodes.VteFactor(meaning) is { } factor)
            {
                MapFlag(context, meaning == ConditionMeaning.PriorVte ? all : current, meaning, "vteRiskFactors." + factor);
            }
        }

        foreach (var (factor, what) in NotInFhir.Where(f => !context.Has("vteRiskFactors." + f.Factor)))
        {
            context.Problem("vteRiskFactors." + factor, FhirProblemKind.NotInFhir,
                $"Not assessed from FHIR: whether the patient has {what}. The clinician must judge this VTE risk factor.",
                blocking: false, serverCouldResolve: false);
        }

        ReportUnmapped(context, all);
    }

    /// <summary>
    /// Current conditions none of the tables knows are listed (non-blocking, on the VTE card) so a clinician sees what
    /// the advice did not weigh: a risk factor coded outside the published value sets would otherwise count as none.
    /// </summary>
    private static void ReportUnmapped(MappingContext context, List<Coded> mapped)
    {
        var known = mapped.Select(c => c.Condition).ToHashSet();
        foreach (var condition in context.Conditions.Where(c => !IsRefutedOrErroneous(c) && IsCurrent(c) && !known.Contains(c)))
        {
            var reference = FhirValues.Reference(condition);
            var coding = condition.Code?.Coding.FirstOrDefault();
            var code = coding is null ? "no coding" : $"{FhirSystems.Label(coding.System)} {coding.Code}";
            var name = condition.Code?.Text ?? coding?.Display ?? "no text";
            context.Problem("vteRiskFactors", FhirProblemKind.Invalid,
                $"{reference} ({code} '{name}') is a current condition the advice does not read: if it is a VTE risk factor, a contraindication or the indication, judge it yourself.",
                blocking: false, serverCouldResolve: false, reference);
        }
    }

    /// <summary>A current, not refuted Condition with <paramref name="meaning"/>, without reporting anything (for <see cref="DataAge"/>).</summary>
    internal static Condition? Current(MappingContext context, ConditionMeaning meaning) =>
        context.Conditions.FirstOrDefault(c => !IsRefutedOrErroneous(c) && IsCurrent(c)
            && (c.Code?.Coding ?? []).Any(coding => ConditionCodes.MeaningsOf(coding.System, coding.Code).Contains(meaning)));

    private static bool IsRefutedOrErroneous(Condition condition) =>
        condition.VerificationStatus?.Coding.Any(c => c.Code is not null && IgnoredVerification.Contains(c.Code)) == true;

    /// <summary>
    /// clinicalStatus active/recurrence/relapse; or no clinicalStatus at all (common for encounter diagnoses)
    /// and no abatement[x], which would say it is over.
    /// </summary>
    private static bool IsCurrent(Condition condition) =>
        condition.ClinicalStatus is null
            ? condition.Abatement is null
            : condition.ClinicalStatus.Coding.Any(c => c.Code is not null && ActiveStatuses.Contains(c.Code));

    private static void MapFlag(MappingContext context, List<Coded> coded, ConditionMeaning meaning, string field)
    {
        if (context.Has(field) || coded.FirstOrDefault(c => c.Meaning == meaning) is not { } found)
        {
            return;
        }

        context.Use(field, true, FhirValues.Reference(found.Condition), FhirValues.Date(found.Condition.Onset), found.Code);
    }

    private static void MapIndication(MappingContext context, List<Coded> candidates)
    {
        if (OverrideFromDraftOrder(context))
        {
            return;
        }

        var picked = PickedByDraftOrder(context, candidates);
        var meanings = picked.Select(c => c.Meaning).Distinct().ToList();
        if (meanings.Count == 0)
        {
            context.Problem("indication", FhirProblemKind.Missing,
                "No active Condition gives the lenalidomide indication (a Condition without clinicalStatus counts unless it has an abatement). Send the diagnosis as a Condition with clinicalStatus active and an ICD-10-CM code (e.g. C90.00 multiple myeloma, D46.C MDS with del(5q), C83.10 mantle cell lymphoma, C82.90 follicular lymphoma, C88.4 marginal zone lymphoma, C91.10 CLL), or the extension " + LenaFhirExtensions.Indication + " on the draft order.",
                blocking: true, serverCouldResolve: true);
            return;
        }

        if (meanings.Count > 1)
        {
            context.Problem("indication", FhirProblemKind.Ambiguous,
                $"More than one candidate indication: {string.Join("; ", picked.Select(c => $"{FhirValues.Reference(c.Condition)} ({c.Code})"))}. Say which one this order treats with reasonReference (Condition/id) or reasonCode on the draft order, or the extension {LenaFhirExtensions.Indication}.",
                blocking: true, serverCouldResolve: false);
            return;
        }

        var chosen = picked.First();
        var reference = FhirValues.Reference(chosen.Condition);
        var date = FhirValues.Date(chosen.Condition.Onset);
        switch (chosen.Meaning)
        {
            case ConditionMeaning.MdsDel5q:
                if (context.Get("cytogenetics.del5q")?.GetValue<bool>() == false)
                {
                    context.Problem("indication", FhirProblemKind.Ambiguous,
                        $"{reference} ({chosen.Code}) is MDS with del(5q) but the Patient extension {LenaFhirExtensions.CytogeneticsDel5q} says false; correct one of them.",
                        blocking: true, serverCouldResolve: false, reference);
                    return;
                }

                context.Use("indication", "mdsDel5q", reference, date, chosen.Code);
                context.Use("cytogenetics.del5q", true, reference, date, chosen.Code);
                break;
            case ConditionMeaning.MdsUnspecified:
                MapMdsByCytogenetics(context, reference, date, chosen.Code);
                break;
            case ConditionMeaning.MultipleMyelomaInRemission:
                // Never guessed: maintenance after autologous transplant starts at 10 mg continuous, myeloma therapy
                // continued in remission (with dexamethasone) at 25 mg days 1–21 (PI Indications; CLINICAL.md §1).
                context.Problem("indication", FhirProblemKind.NotInFhir,
                    $"{reference} ({chosen.Code}) is multiple myeloma in remission: lenalidomide may then be maintenance after autologous stem cell transplant (10 mg daily, continuous) or myeloma therapy continued in remission (25 mg days 1–21 with dexamethasone), and the code does not say which. Add the extension {LenaFhirExtensions.Indication} on the draft order with valueCode multipleMyelomaMaintenance or multipleMyeloma.",
                    blocking: true, serverCouldResolve: false, reference);
                return;
            default:
                context.Use("indication", ConditionCodes.Indication(chosen.Meaning)!, reference, date, chosen.Code);
                break;
        }

        RequestIndicationSpecifics(context);
    }

    /// <summary>MDS coded without del(5q) status: only an explicit cytogenetics answer decides (never assumed).</summary>
    private static void MapMdsByCytogenetics(MappingContext context, string reference, DateOnly? date, string code)
    {
        switch (context.Get("cytogenetics.del5q")?.GetValue<bool>())
        {
            case true:
                context.Use("indication", "mdsDel5q", reference, date, code, sourceValue: "MDS with cytogenetics del(5q) true");
                break;
            case false:
                context.Use("indication", "mdsNonDel5q", reference, date, code, sourceValue: "MDS with cytogenetics del(5q) false");
                break;
            default:
                context.Problem("indication", FhirProblemKind.NotInFhir,
                    $"{reference} ({code}) is MDS, but its del(5q) status is unknown and decides the indication. Code it as ICD-10-CM D46.C (MDS with isolated del(5q)), or add the Patient extension {LenaFhirExtensions.CytogeneticsDel5q} (valueBoolean).",
                    blocking: true, serverCouldResolve: false, reference);
                break;
        }
    }

    /// <summary>Inputs that matter for the chosen indication but that FHIR does not carry by default.</summary>
    private static void RequestIndicationSpecifics(MappingContext context)
    {
        var indication = context.Get("indication")?.GetValue<string>();
        if (indication == "multipleMyeloma" && !context.Has("therapy.transplantCandidate"))
        {
            context.Problem("therapy.transplantCandidate", FhirProblemKind.NotInFhir,
                $"Not in FHIR: whether the patient is a transplant candidate (assumed not). Add the Patient extension {LenaFhirExtensions.TransplantCandidate} (valueBoolean).",
                blocking: false, serverCouldResolve: false);
        }

        if (indication is "mdsDel5q" or "mdsNonDel5q")
        {
            foreach (var (field, url) in new[]
            {
                ("cytogenetics.monosomy7", LenaFhirExtensions.CytogeneticsMonosomy7),
                ("cytogenetics.tp53Mutation", LenaFhirExtensions.CytogeneticsTp53Mutation),
            })
            {
                if (!context.Has(field))
                {
                    context.Problem(field, FhirProblemKind.NotInFhir,
                        $"Not in FHIR: {field} (assumed absent; monosomy 7 makes lenalidomide not recommended in MDS). Add the Patient extension {url} (valueBoolean).",
                        blocking: false, serverCouldResolve: false);
                }
            }
        }
    }

    /// <summary>The draft order's indication extension overrides the conditions (the only way to say maintenance).</summary>
    private static bool OverrideFromDraftOrder(MappingContext context)
    {
        if (context.DraftOrder is not { } order || FhirValues.Extension(order, LenaFhirExtensions.Indication) is not { } extension)
        {
            return false;
        }

        var reference = FhirValues.Reference(order);
        var value = FhirValues.Text(extension.Value as PrimitiveType);
        if (value is null || !Indications.Contains(value))
        {
            context.Problem("indication", FhirProblemKind.Invalid,
                $"{reference} has extension {LenaFhirExtensions.Indication} with '{value ?? "(no valueCode)"}'; send valueCode one of {string.Join(", ", Indications)}.",
                blocking: true, serverCouldResolve: false, reference);
            return true;
        }

        context.Use("indication", value, reference, null, LenaFhirExtensions.Indication, sourceValue: value);
        if (value == "mdsDel5q" && !context.Has("cytogenetics.del5q"))
        {
            context.Use("cytogenetics.del5q", true, reference, null, LenaFhirExtensions.Indication);
        }

        RequestIndicationSpecifics(context);
        return true;
    }

    /// <summary>The candidates the draft order's reasonReference or reasonCode names, when they name any.</summary>
    private static List<Coded> PickedByDraftOrder(MappingContext context, List<Coded> candidates)
    {
        if (context.DraftOrder is not { } order)
        {
            return candidates;
        }

        var referenced = order.ReasonReference
            .Select(r => r.Reference)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var byReference = candidates.Where(c => referenced.Contains(FhirValues.Reference(c.Condition))).ToList();
        if (byReference.Count > 0)
        {
            return byReference;
        }

        var reasonMeanings = order.ReasonCode
            .SelectMany(r => r.Coding)
            .SelectMany(c => ConditionCodes.MeaningsOf(c.System, c.Code))
            .ToHashSet();
        var byCode = candidates.Where(c => reasonMeanings.Contains(c.Meaning)).ToList();
        return byCode.Count > 0 ? byCode : candidates;
    }
}
