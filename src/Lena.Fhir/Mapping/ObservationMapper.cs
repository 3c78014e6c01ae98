using Hl7.Fhir.Model;
using Lena.Fhir.Codes;
using Lena.Fhir.Reading;

namespace Lena.Fhir.Mapping;

/// <summary>Labs, creatinine, weight, height and pregnancy tests from Observations coded in LOINC.</summary>
internal static class ObservationMapper
{
    private static readonly HashSet<string> UsableStatuses = ["final", "amended", "corrected"];

    /// <summary>A quantity read in the snapshot unit.</summary>
    internal sealed record Reading(double Value, Observation Source, DateOnly? Date, string Code, string SourceValue, string? SourceUnit);

    public static void Map(MappingContext context)
    {
        ReportFutureDated(context);
        var anc = ReadQuantity(context, LabConcept.Anc);
        var platelets = ReadQuantity(context, LabConcept.Platelets);
        MapLabs(context, anc, platelets);

        var limit = DataAge.RenalInputs(context);
        if (ReadQuantity(context, LabConcept.SerumCreatinine) is { } creatinine && IsRecent(context, "renal.serumCreatinineMgPerDl", creatinine, limit))
        {
            UseQuantity(context, "renal.serumCreatinineMgPerDl", Math.Round(creatinine.Value, 2), creatinine);
        }

        if (ReadQuantity(context, LabConcept.BodyWeight) is { } weight && IsRecent(context, "weightKg", weight, limit))
        {
            UseQuantity(context, "weightKg", Math.Round(weight.Value, 1), weight);
        }

        if (ReadQuantity(context, LabConcept.BodyHeight) is { } height)
        {
            UseQuantity(context, "heightCm", Math.Round(height.Value, 1), height);
        }

        MapPregnancyTest(context);
        MapPregnancyTests(context);
        MapHemoglobin(context);
        LiverMapper.Map(context);
    }

    /// <summary>
    /// Every readable hCG result of the last 2 years becomes a REMS pregnancy test (the core checks them against the
    /// windows before the first dose and the schedule during therapy); unreadable ones are problems, never guessed.
    /// </summary>
    private static void MapPregnancyTests(MappingContext context)
    {
        var tests = new System.Text.Json.Nodes.JsonArray();
        var since = context.Today.AddYears(-2);
        foreach (var test in Usable(context, LabConcept.PregnancyTest).Where(o => DateOf(o) is { } d && d >= since && d <= context.Today).OrderBy(o => DateOf(o)))
        {
            if (PregnancyResult(test) is not { } positive)
            {
                continue; // reported by MapPregnancyTest for the newest; older unreadable ones add nothing new
            }

            var date = DateOf(test)!.Value;
            tests.Add(new System.Text.Json.Nodes.JsonObject { ["takenOn"] = FhirValues.Format(date), ["result"] = positive ? "positive" : "negative" });
            context.Report(new UsedFhirValue("pregnancyTests", positive ? "positive" : "negative", null, null, FhirValues.Reference(test), date, $"LOINC {LoincOf(test, LabConcept.PregnancyTest)}"));
        }

        if (tests.Count > 0)
        {
            context.Set("pregnancyTests", tests);
        }
    }

    /// <summary>Haemoglobin goes with the counts (labs needs its date): only when the counts were mapped, and not older than them.</summary>
    private static void MapHemoglobin(MappingContext context)
    {
        if (FhirValues.Date(context.Get("labs.takenOn")?.GetValue<string>()) is not { } countsTaken
            || ReadQuantity(context, LabConcept.Hemoglobin) is not { } hemoglobin)
        {
            return;
        }

        if (hemoglobin.Date is not { } date || date < countsTaken)
        {
            context.Problem("labs.hemoglobinGPerDl", FhirProblemKind.Outdated,
                $"{FhirValues.Reference(hemoglobin.Source)} ({hemoglobin.Code}) is older than the counts it would be sent with ({FhirValues.Format(countsTaken)}); it was not used. Send a haemoglobin from the same CBC.",
                blocking: false, serverCouldResolve: false, FhirValues.Reference(hemoglobin.Source));
            return;
        }

        context.Use("labs.hemoglobinGPerDl", Math.Round(hemoglobin.Value, 1), FhirValues.Reference(hemoglobin.Source), hemoglobin.Date, hemoglobin.Code, hemoglobin.SourceValue, hemoglobin.SourceUnit);
    }

    /// <summary>
    /// A measurement dated after today is a data error (the API refuses such a date: API.md, a test date after today
    /// is a 400): it is named and left out, so it neither shadows the newest real value nor gets a dose to rest on it.
    /// Pregnancy tests are exempt — a positive hCG is never ignored for its date.
    /// </summary>
    private static void ReportFutureDated(MappingContext context)
    {
        foreach (var observation in context.Observations.Where(o => FhirValues.Text(o.StatusElement) is { } status && UsableStatuses.Contains(status)))
        {
            var concept = observation.Code?.Coding
                .Where(c => c.System == FhirSystems.Loinc && c.Code is not null && LoincCodes.Concepts.ContainsKey(c.Code))
                .Select(c => (LabConcept?)LoincCodes.Concepts[c.Code!])
                .FirstOrDefault();
            if (concept is not { } known || known == LabConcept.PregnancyTest || !IsAfterToday(context, observation))
            {
                continue;
            }

            // Blocking: an older value may be mapped, but no advice rests on it while a newer-dated one is unexplained
            // (it may be a result with a wrong date that would change the decision).
            var reference = FhirValues.Reference(observation);
            context.Problem(LoincCodes.Field(known), FhirProblemKind.Invalid,
                $"{reference} (LOINC {LoincOf(observation, known)}) is dated {FhirValues.Format(DateOf(observation)!.Value)}, after today ({FhirValues.Format(context.Today)}, UTC): it was not used, and no advice rests on this input until it is corrected. Correct its effectiveDateTime to when the sample was taken (with its time-zone offset).",
                blocking: true, serverCouldResolve: false, reference);
        }
    }

    /// <summary>Observations of a concept with a usable status, newest first; measurements dated after today left out (<see cref="ReportFutureDated"/>).</summary>
    internal static IEnumerable<Observation> Usable(MappingContext context, LabConcept concept) =>
        context.Observations
            .Where(o => FhirValues.Text(o.StatusElement) is { } status && UsableStatuses.Contains(status))
            .Where(o => LoincOf(o, concept) is not null)
            .Where(o => concept == LabConcept.PregnancyTest || !IsAfterToday(context, o))
            .OrderByDescending(o => DateOf(o) ?? DateOnly.MinValue);

    /// <summary>
    /// Whether a creatinine or weight is recent enough for a dose to rest on (<see cref="DataAge"/>); if not, a
    /// problem says since when it is stale (it becomes blocking where the value is required).
    /// </summary>
    private static bool IsRecent(MappingContext context, string field, Reading reading, DataAge.Limit? limit)
    {
        if (limit is not { } age || reading.Date is not { } taken || context.Today.DayNumber - taken.DayNumber <= age.MaxAgeDays)
        {
            return true;
        }

        var reference = FhirValues.Reference(reading.Source);
        var what = field == "weightKg" ? "body weight" : "serum creatinine";
        context.Problem(field, FhirProblemKind.Outdated,
            $"The newest {what}, {reference} ({reading.Code}, {reading.SourceValue} {reading.SourceUnit} on {FhirValues.Format(taken)}), is stale since {FhirValues.Format(taken.AddDays(age.MaxAgeDays + 1))}: it is {context.Today.DayNumber - taken.DayNumber} days old and the rule set allows {age.MaxAgeDays} ({age.Basis}). It was not used; no dose rests on it. Send a {what} from the last {age.MaxAgeDays} days.",
            blocking: false, serverCouldResolve: false, reference);
        return false;
    }

    /// <summary>The date of the serum creatinine used, the basis for age (Cockcroft–Gault uses age at that test).</summary>
    public static DateOnly? CreatinineDate(MappingContext context) =>
        context.Has("renal.serumCreatinineMgPerDl") && Newest(context, LabConcept.SerumCreatinine) is { } observation ? DateOf(observation) : null;

    private static void MapLabs(MappingContext context, Reading? anc, Reading? platelets)
    {
        if (anc is null || platelets is null)
        {
            if (anc is not null || platelets is not null)
            {
                var (missingField, missingConcept) = anc is null ? ("labs.ancPerMicroliter", LabConcept.Anc) : ("labs.plateletsPerMicroliter", LabConcept.Platelets);
                if (!context.Problems.Any(p => p.Field == missingField))
                {
                    context.Problem(missingField, FhirProblemKind.Missing,
                        $"No usable {Describe(missingConcept)} (LOINC {LoincCodes.CodesOf(missingConcept)}, status final/amended/corrected); labs were left out because one count without the other cannot drive a hold decision.",
                        blocking: false, serverCouldResolve: true);
                }
            }

            return;
        }

        if (anc.Date is not { } ancDate || platelets.Date is not { } plateletDate)
        {
            var undated = anc.Date is null ? anc : platelets;
            context.Problem("labs.takenOn", FhirProblemKind.Invalid,
                $"{FhirValues.Reference(undated.Source)} has no effectiveDateTime, effectivePeriod.start or issued; labs were left out. Send the date the sample was taken.",
                blocking: false, serverCouldResolve: false, FhirValues.Reference(undated.Source));
            return;
        }

        UseQuantity(context, "labs.ancPerMicroliter", Math.Round(anc.Value), anc);
        UseQuantity(context, "labs.plateletsPerMicroliter", Math.Round(platelets.Value), platelets);

        // Conservative: the counts are only as recent as the older of the two samples.
        var older = ancDate <= plateletDate ? anc : platelets;
        context.Use("labs.takenOn", FhirValues.Format(older.Date!.Value), FhirValues.Reference(older.Source), older.Date, older.Code,
            sourceValue: $"older of ANC ({FhirValues.Format(ancDate)}) and platelets ({FhirValues.Format(plateletDate)})");
    }

    internal static void UseQuantity(MappingContext context, string field, double value, Reading reading)
    {
        var node = field.StartsWith("labs.", StringComparison.Ordinal)
            ? System.Text.Json.Nodes.JsonValue.Create((int)value)
            : System.Text.Json.Nodes.JsonValue.Create(value);
        context.Use(field, node, FhirValues.Reference(reading.Source), reading.Date, reading.Code, reading.SourceValue, reading.SourceUnit);
    }

    /// <param name="field">The snapshot field problems are reported for; the concept's own field by default.</param>
    /// <param name="onOrBefore">Only observations dated on or before this day (baselines); undated ones then do not count.</param>
    internal static Reading? ReadQuantity(MappingContext context, LabConcept concept, string? field = null, DateOnly? onOrBefore = null)
    {
        field ??= LoincCodes.Field(concept);
        if (Newest(context, concept, onOrBefore) is not { } observation)
        {
            return null;
        }

        var reference = FhirValues.Reference(observation);
        var code = LoincOf(observation, concept);
        if (observation.Value is not Quantity quantity || FhirValues.Decimal(quantity.ValueElement) is not { } value)
        {
            context.Problem(field, FhirProblemKind.Invalid,
                $"{reference} (LOINC {code}) has no numeric valueQuantity; send the result as valueQuantity with a UCUM unit ({string.Join(", ", UcumUnits.Accepted(concept))}).",
                blocking: false, serverCouldResolve: false, reference);
            return null;
        }

        if (FhirValues.Text(quantity.ComparatorElement) is { } comparator)
        {
            context.Problem(field, FhirProblemKind.Invalid,
                $"{reference} (LOINC {code}) is a bound ({comparator} {FhirValues.Format(value)}), not a measured value; it was not used.",
                blocking: false, serverCouldResolve: false, reference);
            return null;
        }

        var unit = UcumCode(quantity, concept);
        if (UcumUnits.Factor(concept, unit) is not { } factor)
        {
            var found = quantity.Code ?? quantity.Unit;
            context.Problem(field, FhirProblemKind.UnknownUnit,
                $"{reference} (LOINC {code}) has unit '{found ?? "(none)"}'{(quantity.System is { } system && system != FhirSystems.Ucum ? $" of system {system}" : string.Empty)}, which is not converted (never guessed). Send Quantity.system {FhirSystems.Ucum} with code one of: {string.Join(", ", UcumUnits.Accepted(concept))}.",
                blocking: false, serverCouldResolve: false, reference);
            return null;
        }

        return new Reading((double)value * factor, observation, DateOf(observation), $"LOINC {code}", FhirValues.Format(value), unit);
    }

    /// <summary>
    /// The measured value in the snapshot unit, or null when there is none (no numeric quantity, a bound, a unit not
    /// accepted). Reports nothing: <see cref="DataAge"/> weighs every value, <see cref="ReadQuantity"/> reports the one used.
    /// </summary>
    internal static double? Value(Observation observation, LabConcept concept) =>
        observation.Value is Quantity quantity
            && FhirValues.Decimal(quantity.ValueElement) is { } value
            && FhirValues.Text(quantity.ComparatorElement) is null
            && UcumUnits.Factor(concept, UcumCode(quantity, concept)) is { } factor
            ? (double)value * factor
            : null;

    /// <summary>Quantity.code when the system is UCUM; else Quantity.unit only when it is literally an accepted UCUM code (or, for blood counts, a thousands-per-microliter spelling).</summary>
    private static string? UcumCode(Quantity quantity, LabConcept concept)
    {
        if (quantity.System == FhirSystems.Ucum && !string.IsNullOrEmpty(quantity.Code))
        {
            return quantity.Code;
        }

        return quantity.System is null && quantity.Code is null && quantity.Unit is { } unit
            && (UcumUnits.Accepted(concept).Contains(unit) || UcumUnits.Canonical(concept, unit) != unit)
            ? unit
            : null;
    }

    private static void MapPregnancyTest(MappingContext context)
    {
        if (Newest(context, LabConcept.PregnancyTest) is not { } test)
        {
            return;
        }

        var reference = FhirValues.Reference(test);
        var code = $"LOINC {LoincOf(test, LabConcept.PregnancyTest)}";
        var date = DateOf(test);
        switch (PregnancyResult(test))
        {
            case true:
                context.Report(new UsedFhirValue("pregnancyTest", "positive", null, null, reference, date, code));
                context.Use("pregnant", true, reference, date, code, sourceValue: "positive hCG");
                break;
            case false:
                context.Report(new UsedFhirValue("pregnancyTest", "negative", null, null, reference, date, code));
                break;
            default:
                context.Problem("pregnant", FhirProblemKind.Invalid,
                    $"{reference} ({code}) has no readable result: send valueCodeableConcept SNOMED CT 10828004 (positive) or 260385009 (negative), or an interpretation POS/NEG.",
                    blocking: false, serverCouldResolve: false, reference);
                break;
        }
    }

    /// <summary>Positive, negative, or unknown. Quantitative hCG only through its interpretation (no thresholds here).</summary>
    private static bool? PregnancyResult(Observation test)
    {
        if (test.Value is CodeableConcept concept)
        {
            foreach (var coding in concept.Coding.Where(c => c.System == FhirSystems.Snomed))
            {
                switch (coding.Code)
                {
                    case "10828004": return true;
                    case "260385009": return false;
                }
            }
        }

        if (test.Value is FhirString { JsonValue: string text })
        {
            if (text.Trim().Equals("positive", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (text.Trim().Equals("negative", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var coding in test.Interpretation.SelectMany(i => i.Coding))
        {
            switch (coding.Code)
            {
                case "POS" or "H": return true;
                case "NEG" or "N": return false;
            }
        }

        return null;
    }

    internal static Observation? Newest(MappingContext context, LabConcept concept, DateOnly? onOrBefore = null) =>
        Usable(context, concept).FirstOrDefault(o => onOrBefore is not { } last || DateOf(o) <= last);

    internal static string? LoincOf(Observation observation, LabConcept concept) =>
        observation.Code?.Coding
            .Where(c => c.System == FhirSystems.Loinc && c.Code is not null && LoincCodes.Concepts.TryGetValue(c.Code, out var found) && found == concept)
            .Select(c => c.Code)
            .FirstOrDefault();

    /// <summary>Whether the observation was taken after today (UTC): by its instant when it has a time, else by its date.</summary>
    private static bool IsAfterToday(MappingContext context, Observation observation)
    {
        var literal = observation.Effective switch
        {
            FhirDateTime dateTime => FhirValues.Text(dateTime),
            Period period => FhirValues.Text(period.StartElement),
            _ => null,
        };
        var date = literal is null ? FhirValues.Date(observation.IssuedElement) : FhirValues.UtcDate(literal);
        return date > context.Today;
    }

    /// <summary>effectiveDateTime, else effectivePeriod.start, else issued.</summary>
    internal static DateOnly? DateOf(Observation observation) =>
        FhirValues.Date(observation.Effective) ?? FhirValues.Date(observation.IssuedElement);

    internal static string Describe(LabConcept concept) => concept switch
    {
        LabConcept.Anc => "absolute neutrophil count",
        LabConcept.Platelets => "platelet count",
        LabConcept.SerumCreatinine => "serum creatinine",
        LabConcept.BodyWeight => "body weight",
        LabConcept.BodyHeight => "body height",
        LabConcept.Hemoglobin => "haemoglobin",
        LabConcept.Alt => "ALT",
        LabConcept.Ast => "AST",
        LabConcept.Bilirubin => "total bilirubin",
        _ => "pregnancy test",
    };
}
