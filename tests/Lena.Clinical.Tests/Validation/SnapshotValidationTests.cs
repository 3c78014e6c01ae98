using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Validation;

/// <summary>API.md conventions: bad input is a 400 problem naming the JSON path, with a message one can act on.</summary>
public class SnapshotValidationTests
{
    private static Reply Post(JsonObject body, Concern concern = Concern.Assessment) => EvaluatorRequests.Post(concern, body);

    private static JsonObject Patient() => EvaluatorRequests.Patient().Labs(1800, 140_000);

    [Fact]
    public void The_complete_example_patient_is_valid_for_every_concern()
    {
        foreach (var concern in Enum.GetValues<Concern>())
        {
            Assert.Equal(200, Post(Patient(), concern).Status);
        }
    }

    // Problem shape ---------------------------------------------------------------------------

    [Fact]
    public void A_validation_failure_is_an_rfc_9457_problem_with_errors_by_path()
    {
        var reply = Post(Patient().Without("indication"));

        Assert.Equal(400, reply.Status);
        Assert.StartsWith("application/problem+json", reply.ContentType, StringComparison.Ordinal);
        var body = reply.Body;
        Assert.Equal("https://lenafunctions.dev/problems/validation", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("errors").ValueKind);
        Assert.All(body.GetProperty("errors").EnumerateObject(), e =>
        {
            Assert.Equal(JsonValueKind.Array, e.Value.ValueKind);
            Assert.NotEqual(0, e.Value.GetArrayLength());
        });
    }

    [Fact]
    public void Several_problems_are_reported_at_once()
    {
        var body = Patient()
            .Set("ageYears", "64")
            .Set("labs.platelet", 140_000)
            .Set("labs.ancPerMicroliter", 1.8)
            .Set("heightCm", 1.65)
            .Set("therapy.startDate", "23/11/2026")
            .Medications("ibuprofen")
            .Set("patientId", "Jane Doe");
        var reply = Post(body);

        var errors = reply.Errors;
        Assert.Equal(
            new[] { "ageYears", "concomitantMedications[0]", "heightCm", "labs.ancPerMicroliter", "labs.platelet", "patientId", "therapy.startDate" },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("7", reply.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_a_400_at_the_root_path()
    {
        var reply = EvaluatorRequests.PostRaw(Concern.Dosing, "{\"indication\": \"multipleMyeloma\",");

        Assert.Contains("not valid JSON", reply.ErrorAt("$"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"indication\":\"cll\",\"indication\":\"multipleMyeloma\",\"sex\":\"male\"}", "indication")]
    [InlineData("{\"indication\":\"cll\",\"sex\":\"male\",\"cytogenetics\":{\"tp53Mutation\":true,\"tp53Mutation\":false}}", "tp53Mutation")]
    public void A_property_sent_twice_is_rejected_rather_than_one_value_guessed(string json, string name)
    {
        var reply = EvaluatorRequests.PostRaw(Concern.Contraindications, json);

        Assert.Contains($"'{name}'", reply.ErrorAt("$"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"multipleMyeloma\"")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_a_400_at_the_root_path(string json)
    {
        var reply = EvaluatorRequests.PostRaw(Concern.Dosing, json);

        Assert.Contains("JSON object", reply.ErrorAt("$"), StringComparison.Ordinal);
    }

    // Required fields ------------------------------------------------------------------------

    [Theory]
    [InlineData("indication", "multipleMyeloma")]
    [InlineData("sex", "female or male")]
    public void Indication_and_sex_are_required(string path, string hint)
    {
        var reply = Post(Patient().Without(path), Concern.VteProphylaxis);

        Assert.Contains(hint, reply.ErrorAt(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_indication_and_sex_are_reported_together()
    {
        var errors = Post(Patient().Without("indication").Without("sex")).Errors;

        Assert.Contains("indication", errors.Keys);
        Assert.Contains("sex", errors.Keys);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Female_of_reproductive_potential_is_required_when_sex_is_female(bool sendNull)
    {
        var body = Patient().Set("sex", "female");
        if (sendNull)
        {
            body.Set("femaleOfReproductivePotential", null);
        }

        var reply = Post(body, Concern.Contraindications);

        Assert.Contains("required when sex is female", reply.ErrorAt("femaleOfReproductivePotential"), StringComparison.Ordinal);
    }

    [Fact]
    public void Female_of_reproductive_potential_is_not_required_for_a_male()
    {
        Assert.Equal(200, Post(Patient(), Concern.Contraindications).Status);
    }

    // Unknown properties ---------------------------------------------------------------------

    [Fact]
    public void An_unknown_top_level_property_is_rejected_with_a_suggestion()
    {
        var reply = Post(Patient().Set("indicaton", "cll"));

        Assert.Contains("did you mean \"indication\"", reply.ErrorAt("indicaton"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_top_level_property_without_a_near_name_lists_the_known_ones()
    {
        var reply = Post(Patient().Set("favouriteColour", "blue"));

        var message = reply.ErrorAt("favouriteColour");
        Assert.Contains("Known:", message, StringComparison.Ordinal);
        Assert.Contains("indication", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("labs.platelet", "plateletsPerMicroliter")]
    [InlineData("labs.ancPerMicroLiter", "ancPerMicroliter")]
    [InlineData("renal.creatinineClearance", "creatinineClearanceMlPerMin")]
    [InlineData("therapy.startdate", "startDate")]
    [InlineData("vteRiskFactors.priorVTE", "priorVte")]
    [InlineData("regimen.dexamethazone", "dexamethasone")]
    [InlineData("history.lenalidomideAllergy", null)]
    [InlineData("cytogenetics.del5Q", "del5q")]
    public void An_unknown_nested_property_is_rejected_at_its_full_path(string path, string? suggestion)
    {
        var body = Patient().Set(path, true);
        var reply = Post(body);

        var message = reply.ErrorAt(path);
        Assert.Contains("not a known property", message, StringComparison.Ordinal);
        if (suggestion is not null)
        {
            Assert.Contains($"did you mean \"{suggestion}\"", message, StringComparison.Ordinal);
        }
    }

    // Enums and types --------------------------------------------------------------------------

    [Theory]
    [InlineData("indication", "multipleMyloma", "multipleMyeloma, multipleMyelomaMaintenance, mdsDel5q, mdsNonDel5q, mantleCellLymphoma, follicularLymphoma, marginalZoneLymphoma, cll", "multipleMyeloma")]
    [InlineData("sex", "Female", "female, male", "female")]
    [InlineData("therapy.status", "ongoing", "starting, onTreatment, interrupted", null)]
    [InlineData("regimen.dexamethasone", "high", "none, lowDose, highDose", null)]
    [InlineData("therapy.interruptedFor", "neutropaenia", "neutropenia, thrombocytopenia, otherToxicity", "neutropenia")]
    public void A_wrong_enum_value_lists_the_allowed_values(string path, string value, string allowed, string? suggestion)
    {
        var reply = Post(Patient().Set(path, value));

        var message = reply.ErrorAt(path);
        Assert.Contains($"\"{value}\" is not one of: {allowed}.", message, StringComparison.Ordinal);
        if (suggestion is not null)
        {
            Assert.Contains($"Did you mean \"{suggestion}\"", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_concomitant_medication_is_rejected_at_its_index_with_the_allowed_list()
    {
        var reply = Post(Patient().Medications("digoxin", "ibuprofen"));

        var message = reply.ErrorAt("concomitantMedications[1]");
        Assert.Contains("\"ibuprofen\" is not one of: digoxin, warfarin, directOralAnticoagulant, lowMolecularWeightHeparin, aspirin, pembrolizumab, erythropoiesisStimulatingAgent, estrogenContainingTherapy, statin, combinedHormonalContraceptive.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("concomitantMedications[0]", reply.Errors.Keys);
    }

    [Theory]
    [InlineData("ageYears", "\"64\"", "not a string")]
    [InlineData("ageYears", "64.5", "whole number")]
    [InlineData("weightKg", "true", "must be a number")]
    [InlineData("pregnant", "\"no\"", "must be true or false")]
    [InlineData("renal", "[]", "must be a JSON object")]
    [InlineData("labs", "\"none\"", "must be a JSON object")]
    [InlineData("renal.onDialysis", "1", "must be true or false")]
    [InlineData("indication", "3", "must be a string")]
    [InlineData("concomitantMedications", "\"digoxin\"", "must be an array")]
    [InlineData("concomitantMedications", "[1]", "must be a string")]
    [InlineData("therapy.daysOnTherapy", "\"10\"", "not a string")]
    [InlineData("patientId", "123", "must be a string")]
    public void A_value_of_the_wrong_json_type_is_rejected_at_its_path(string path, string json, string expected)
    {
        var reply = Post(Patient().Set(path, JsonNode.Parse(json)));

        var errorPath = path == "concomitantMedications" && json.StartsWith('[') ? "concomitantMedications[0]" : path;
        Assert.Contains(expected, reply.ErrorAt(errorPath), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("therapy.startDate", "23/11/2026")]
    [InlineData("therapy.startDate", "2026-11-23T00:00:00Z")]
    [InlineData("therapy.startDate", "2026-02-30")]
    [InlineData("labs.takenOn", "2026-1-5")]
    [InlineData("labs.takenOn", "yesterday")]
    public void A_malformed_date_is_rejected_with_the_expected_format(string path, string value)
    {
        var reply = Post(Patient().Set(path, value));

        Assert.Contains("yyyy-MM-dd", reply.ErrorAt(path), StringComparison.Ordinal);
    }

    // Implausible values and unit hints -----------------------------------------------------

    [Theory]
    [InlineData("labs.plateletsPerMicroliter", "42", "42 looks like ×10^9/L, send 42000")]
    [InlineData("labs.plateletsPerMicroliter", "140.5", "140.5 looks like ×10^9/L, send 140500")]
    [InlineData("labs.ancPerMicroliter", "1.8", "1.8 looks like ×10^9/L, send 1800")]
    [InlineData("labs.baselinePlateletsPerMicroliter", "95", "95 looks like ×10^9/L, send 95000")]
    [InlineData("heightCm", "1.65", "1.65 looks like meters, send 165")]
    [InlineData("renal.serumCreatinineMgPerDl", "106", "106 looks like µmol/L, send 1.2")]
    [InlineData("renal.creatinineClearanceMlPerMin", "0.9", "0.9 looks like mL/s, send 54")]
    public void A_value_in_the_wrong_unit_is_rejected_with_the_value_to_send(string path, string json, string hint)
    {
        var body = Patient().Set(path, JsonNode.Parse(json));
        if (path == "renal.serumCreatinineMgPerDl")
        {
            body.Without("renal.creatinineClearanceMlPerMin");
        }

        Assert.Contains(hint, Post(body).ErrorAt(path), StringComparison.Ordinal);
    }

    [Fact]
    public void The_platelet_hint_matches_the_api_example_wording()
    {
        var reply = Post(Patient().Set("labs.plateletsPerMicroliter", 42));

        var message = Assert.Single(reply.Errors["labs.plateletsPerMicroliter"]);
        Assert.StartsWith("plateletsPerMicroliter is per microliter; 42 looks like ×10^9/L, send 42000.", message, StringComparison.Ordinal);
        Assert.Contains("As sent, 42/µL", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ageYears", "12", "18")]
    [InlineData("ageYears", "150", "120")]
    [InlineData("weightKg", "700", "pounds")]
    [InlineData("heightCm", "300", "centimeters")]
    [InlineData("labs.plateletsPerMicroliter", "5000000", "2,000,000")]
    [InlineData("labs.ancPerMicroliter", "-100", "between 0")]
    [InlineData("renal.creatinineClearanceMlPerMin", "400", "mL/min")]
    [InlineData("therapy.currentDoseMg", "100", "mg")]
    [InlineData("therapy.daysOnTherapy", "-1", "between 0")]
    public void An_implausible_value_is_rejected_with_its_unit_and_range(string path, string json, string expected)
    {
        Assert.Contains(expected, Post(Patient().Set(path, JsonNode.Parse(json))).ErrorAt(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_of_zero_is_a_real_result_not_a_unit_error()
    {
        var reply = Post(EvaluatorRequests.Patient().Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 25).Labs(0, 150_000), Concern.Dosing);

        Assert.Equal(200, reply.Status);
        Assert.Equal("interrupt", reply.Body.GetProperty("dose").GetProperty("action").GetString());
    }

    // Per-concern requirements ---------------------------------------------------------------

    [Fact]
    public void Dosing_requires_renal_function_and_therapy_status()
    {
        var errors = Post(EvaluatorRequests.Patient().Without("renal").Without("therapy.status"), Concern.Dosing).Errors;

        Assert.Contains("creatinineClearanceMlPerMin", string.Join(" ", errors["renal"]), StringComparison.Ordinal);
        Assert.Contains("starting", string.Join(" ", errors["therapy.status"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Dosing_with_serum_creatinine_needs_age_and_weight_for_cockcroft_gault()
    {
        var body = EvaluatorRequests.Patient().Without("ageYears").Without("weightKg")
            .Set("renal", new JsonObject { ["serumCreatinineMgPerDl"] = 1.1 });
        var errors = Post(body, Concern.Dosing).Errors;

        Assert.Contains("Cockcroft", string.Join(" ", errors["ageYears"]), StringComparison.Ordinal);
        Assert.Contains("Cockcroft", string.Join(" ", errors["weightKg"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Dosing_with_an_empty_renal_object_names_the_clearance()
    {
        var reply = Post(EvaluatorRequests.Patient().Set("renal", new JsonObject()), Concern.Dosing);

        Assert.Contains("serumCreatinineMgPerDl", reply.ErrorAt("renal.creatinineClearanceMlPerMin"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("onTreatment")]
    [InlineData("interrupted")]
    public void Dosing_requires_labs_and_the_current_dose_when_not_starting(string status)
    {
        var body = EvaluatorRequests.Patient().Set("therapy.status", status).Set("therapy.interruptedFor", "neutropenia");
        var errors = Post(body, Concern.Dosing).Errors;

        Assert.Contains(status, string.Join(" ", errors["labs"]), StringComparison.Ordinal);
        Assert.Contains("required", string.Join(" ", errors["therapy.currentDoseMg"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Dosing_at_the_start_needs_neither_labs_nor_a_current_dose()
    {
        Assert.Equal(200, Post(EvaluatorRequests.Patient(), Concern.Dosing).Status);
    }

    [Theory]
    [InlineData("multipleMyeloma", 7.5)]
    [InlineData("mdsDel5q", 15)]
    [InlineData("cll", 10)]
    public void A_current_dose_off_the_ladder_is_rejected_with_the_ladder(string indication, double dose)
    {
        var body = EvaluatorRequests.Patient(indication).Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", dose)
            .Set("therapy.daysOnTherapy", 60).Labs(1800, 140_000);

        Assert.Contains("is not a dose of the", Post(body, Concern.Dosing).ErrorAt("therapy.currentDoseMg"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_renal_table_dose_off_the_ladder_is_accepted()
    {
        // 2.5 mg is not a step of the maintenance ladder (15, 10, 5); it is the maintenance dose below CrCl 30.
        var body = EvaluatorRequests.Patient("multipleMyelomaMaintenance").Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 2.5)
            .Set("renal.creatinineClearanceMlPerMin", 25).Labs(1800, 140_000);

        Assert.Equal(200, Post(body, Concern.Dosing).Status);
    }

    [Fact]
    public void The_maintenance_5_mg_dose_needs_its_schedule()
    {
        var body = EvaluatorRequests.Patient("multipleMyelomaMaintenance").Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 5)
            .Labs(1800, 140_000);

        Assert.Contains("continuous or days1To21Every28", Post(body, Concern.Dosing).ErrorAt("therapy.currentSchedule"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_dose_requires_the_cause()
    {
        var body = EvaluatorRequests.Patient().Set("therapy.status", "interrupted").Set("therapy.currentDoseMg", 25).Labs(1800, 140_000);

        Assert.Contains("neutropenia, thrombocytopenia or otherToxicity", Post(body, Concern.Dosing).ErrorAt("therapy.interruptedFor"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mdsDel5q")]
    [InlineData("mdsNonDel5q")]
    public void Mds_dosing_on_treatment_requires_days_on_therapy(string indication)
    {
        var body = EvaluatorRequests.Patient(indication).Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 10).Labs(1800, 140_000);

        Assert.Contains("first 4 weeks", Post(body, Concern.Dosing).ErrorAt("therapy.daysOnTherapy"), StringComparison.Ordinal);
    }

    [Fact]
    public void Mds_dosing_in_the_first_4_weeks_at_the_starting_dose_requires_both_baselines()
    {
        var body = EvaluatorRequests.Patient("mdsDel5q").Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 10)
            .Set("therapy.daysOnTherapy", 14).Labs(1800, 140_000);
        var errors = Post(body, Concern.Dosing).Errors;

        Assert.Contains("labs.baselineAncPerMicroliter", errors.Keys);
        Assert.Contains("labs.baselinePlateletsPerMicroliter", errors.Keys);
    }

    [Theory]
    [InlineData(28, 10)]
    [InlineData(14, 5)]
    public void Mds_dosing_after_4_weeks_or_below_the_starting_dose_needs_no_baseline(int days, double dose)
    {
        var body = EvaluatorRequests.Patient("mdsDel5q").Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", dose)
            .Set("therapy.startDate", EvaluatorRequests.Today.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Set("therapy.daysOnTherapy", days).Labs(1800, 140_000);

        Assert.Equal(200, Post(body, Concern.Dosing).Status);
    }

    [Fact]
    public void Starting_maintenance_requires_labs_for_the_start_criteria()
    {
        var reply = Post(EvaluatorRequests.Patient("multipleMyelomaMaintenance"), Concern.Dosing);

        Assert.Contains("start criteria", reply.ErrorAt("labs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("labs.takenOn")]
    [InlineData("labs.ancPerMicroliter")]
    [InlineData("labs.plateletsPerMicroliter")]
    public void Labs_must_be_complete_when_sent(string path)
    {
        var body = EvaluatorRequests.Patient().Set("therapy.status", "onTreatment").Set("therapy.currentDoseMg", 25).Labs(1800, 140_000).Without(path);

        Assert.Contains("required whenever labs are sent", Post(body, Concern.Dosing).ErrorAt(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("therapy.startDate", "first dose")]
    [InlineData("ageYears", "65")]
    [InlineData("therapy.status", "interrupted")]
    public void A_monitoring_schedule_requires_the_start_date_age_and_status(string path, string hint)
    {
        var reply = Post(EvaluatorRequests.Patient().Without(path), Concern.MonitoringSchedule);

        Assert.Contains(hint, reply.ErrorAt(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_monitoring_schedule_under_65_needs_renal_function_and_from_65_it_does_not()
    {
        Assert.Contains("renal", Post(EvaluatorRequests.Patient().Without("renal"), Concern.MonitoringSchedule).Errors.Keys);
        Assert.Equal(200, Post(EvaluatorRequests.Patient().Without("renal").Set("ageYears", 65), Concern.MonitoringSchedule).Status);
    }

    [Fact]
    public void Vte_advice_requires_renal_function_for_the_lmwh_cautions()
    {
        Assert.Contains("renal", Post(EvaluatorRequests.Patient().Without("renal"), Concern.VteProphylaxis).Errors.Keys);
    }

    [Fact]
    public void Contraindication_checks_with_labs_require_therapy_status_and_dose()
    {
        var body = EvaluatorRequests.Patient().Without("therapy").Labs(1800, 140_000);
        Assert.Contains("therapy.status", Post(body, Concern.Contraindications).Errors.Keys);

        var onTreatment = EvaluatorRequests.Patient().Set("therapy.status", "onTreatment").Labs(1800, 140_000);
        Assert.Contains("therapy.currentDoseMg", Post(onTreatment, Concern.Contraindications).Errors.Keys);
    }

    [Fact]
    public void Contraindication_checks_need_neither_renal_function_nor_therapy()
    {
        var body = EvaluatorRequests.Patient().Without("renal").Without("therapy");

        Assert.Equal(200, Post(body, Concern.Contraindications).Status);
    }

    // Contradictions and dates ---------------------------------------------------------------

    [Theory]
    [InlineData("pregnant")]
    [InlineData("breastfeeding")]
    [InlineData("femaleOfReproductivePotential")]
    [InlineData("irregularMenstrualCycles")]
    public void A_female_only_fact_on_a_male_is_a_contradiction(string path)
    {
        var reply = Post(Patient().Set(path, true));

        Assert.Contains("sex is male", reply.ErrorAt(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pregnant_woman_not_of_reproductive_potential_is_a_contradiction()
    {
        var reply = Post(EvaluatorRequests.Woman(reproductivePotential: false).Set("pregnant", true).Labs(1800, 140_000));

        Assert.Contains("pregnant", reply.ErrorAt("femaleOfReproductivePotential"), StringComparison.Ordinal);
    }

    [Fact]
    public void Labs_taken_in_the_future_are_rejected()
    {
        var reply = Post(Patient().Set("labs.takenOn", "2026-11-21"));

        Assert.Contains("after today (2026-11-20)", reply.ErrorAt("labs.takenOn"), StringComparison.Ordinal);
    }

    [Fact]
    public void Labs_taken_today_are_accepted()
    {
        Assert.Equal(200, Post(Patient().Set("labs.takenOn", "2026-11-20")).Status);
    }

    [Theory]
    [InlineData("2006-11-19")]
    [InlineData("2027-11-21")]
    public void A_start_date_more_than_20_years_ago_or_1_year_ahead_is_implausible(string date)
    {
        Assert.Contains("implausible", Post(Patient().Set("therapy.startDate", date)).ErrorAt("therapy.startDate"), StringComparison.Ordinal);
    }

    // patientId --------------------------------------------------------------------------------

    [Theory]
    [InlineData("pt-000123")]
    [InlineData("A")]
    [InlineData("abc_DEF-123")]
    [InlineData("1970-01-01")] // within [A-Za-z0-9_-]{1,64}: the pattern cannot tell a date from a pseudonym.
    public void A_pseudonymous_patient_id_is_accepted(string id)
    {
        Assert.Equal(200, Post(Patient().Set("patientId", id)).Status);
    }

    [Fact]
    public void A_patient_id_of_64_characters_is_accepted_and_65_rejected()
    {
        Assert.Equal(200, Post(Patient().Set("patientId", new string('a', 64))).Status);
        Assert.Contains("pseudonym", Post(Patient().Set("patientId", new string('a', 65))).ErrorAt("patientId"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Jane Doe")]
    [InlineData("müller")]
    [InlineData("pt/123")]
    public void A_patient_id_outside_the_pseudonym_pattern_is_rejected(string id)
    {
        Assert.Contains("pseudonym", Post(Patient().Set("patientId", id)).ErrorAt("patientId"), StringComparison.Ordinal);
    }

    [Fact]
    public void Omitted_booleans_and_objects_default_to_false_and_empty()
    {
        var minimal = new JsonObject { ["indication"] = "multipleMyeloma", ["sex"] = "male" };

        var reply = Post(minimal, Concern.Contraindications);

        Assert.Equal(200, reply.Status);
        Assert.DoesNotContain("pregnancy", reply.FindingCodes);
    }
}
