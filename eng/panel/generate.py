#!/usr/bin/env python3
"""Writes the reference panel samples/panel/*.json (one patient snapshot each, API.md shape).

Counts are dated within 10 days of the panel's date (PanelToday in the panel test, 2026-12-01),
so no answer rests on outdated counts. Regenerate with `python3 eng/panel/generate.py`; each file
is then evaluated by tests/LenaFunctions.Tests/Panel/ReferencePanelTests.cs.
"""
import copy, json, os, sys

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "samples", "panel")

def base(pid, indication, sex="male", age=66):
    s = {
        "patientId": pid,
        "indication": indication,
        "sex": sex,
        "ageYears": age,
        "weightKg": 74,
        "heightCm": 172,
        "renal": {"creatinineClearanceMlPerMin": 78, "serumCreatinineMgPerDl": None, "onDialysis": False},
        "labs": {"takenOn": "2026-11-28", "ancPerMicroliter": 2400, "plateletsPerMicroliter": 180000},
        "therapy": {"status": "starting", "startDate": "2026-12-02", "daysOnTherapy": 0},
        "regimen": {"dexamethasone": "lowDose" if indication == "multipleMyeloma" else "none",
                    "rituximab": indication in ("follicularLymphoma", "marginalZoneLymphoma")},
        "cytogenetics": {"del5q": indication == "mdsDel5q", "monosomy7": False, "tp53Mutation": False},
        "vteRiskFactors": {},
        "history": {},
        "concomitantMedications": [],
    }
    if indication == "mdsNonDel5q":
        s["cytogenetics"].pop("del5q")
    if sex == "female":
        s["femaleOfReproductivePotential"] = False
    return s

def on_treatment(s, dose, start="2026-10-06", days=56):
    s["therapy"].update({"status": "onTreatment", "startDate": start, "currentDoseMg": dose, "daysOnTherapy": days})
    return s

def counts(s, anc=None, plt=None, **extra):
    if anc is not None: s["labs"]["ancPerMicroliter"] = anc
    if plt is not None: s["labs"]["plateletsPerMicroliter"] = plt
    s["labs"].update(extra)
    return s

def mds_early(s, dose=10, days=14):
    return on_treatment(s, dose, start="2026-11-17", days=days)

P = {}
def add(name, s):
    P[name] = s

# --- Every indication, every renal band (multiple myeloma through all four) ---
add("mm-start-crcl-78-full-dose", base("panel-mm-01", "multipleMyeloma"))
s = base("panel-mm-02", "multipleMyeloma", sex="female", age=64); s["renal"]["creatinineClearanceMlPerMin"] = 52; add("mm-start-crcl-52-renal-10mg", s)
s = base("panel-mm-03", "multipleMyeloma", age=74); s["renal"]["creatinineClearanceMlPerMin"] = 24; add("mm-start-crcl-24-every-48-hours", s)
s = base("panel-mm-04", "multipleMyeloma", age=70); s["renal"] = {"creatinineClearanceMlPerMin": 11, "onDialysis": True}; add("mm-start-dialysis-after-dialysis", s)
s = base("panel-mm-05", "multipleMyeloma", age=78); s["weightKg"] = 60; s["renal"] = {"serumCreatinineMgPerDl": 2.1}; add("mm-start-serum-creatinine-2-1-cockcroft-gault-below-30", s)
add("mm-maintenance-start-full-dose", base("panel-mmm-01", "multipleMyelomaMaintenance", age=58))
s = base("panel-mmm-02", "multipleMyelomaMaintenance", age=61); counts(s, plt=62000); add("mm-maintenance-start-platelets-62000-defer", s)
s = base("panel-mmm-03", "multipleMyelomaMaintenance", age=63); s["renal"]["creatinineClearanceMlPerMin"] = 40; add("mm-maintenance-start-crcl-40-renal-5mg", s)
add("mds-del5q-start-full-dose", base("panel-mds-01", "mdsDel5q", age=72))
s = base("panel-mds-02", "mdsNonDel5q", age=75); s["renal"]["creatinineClearanceMlPerMin"] = 45; add("mds-non-del5q-start-crcl-45-renal-5mg", s)
s = base("panel-mds-03", "mdsDel5q", age=80); s["renal"]["creatinineClearanceMlPerMin"] = 22; add("mds-del5q-start-crcl-22-renal-2-5mg", s)
add("mcl-start-full-dose", base("panel-mcl-01", "mantleCellLymphoma", age=68))
s = base("panel-mcl-02", "mantleCellLymphoma", age=71); s["renal"] = {"creatinineClearanceMlPerMin": 9, "onDialysis": True}; add("mcl-start-dialysis-after-dialysis", s)
add("fl-start-full-dose-with-rituximab", base("panel-fl-01", "follicularLymphoma", sex="female", age=59))
s = base("panel-mzl-01", "marginalZoneLymphoma", age=77); s["renal"]["creatinineClearanceMlPerMin"] = 26; add("mzl-start-crcl-26-renal-5mg", s)
add("cll-start-2-5mg-dose-limit", base("panel-cll-01", "cll", age=69))
s = base("panel-cll-02", "cll", age=81); s["renal"]["creatinineClearanceMlPerMin"] = 25; add("cll-crcl-25-not-recommended", s)

# --- Holds of CLINICAL.md §4 ---
s = on_treatment(base("panel-hold-01", "multipleMyeloma"), 25); counts(s, plt=24000); add("mm-hold-platelets-24000-every-indication", s)
s = on_treatment(base("panel-hold-02", "multipleMyeloma"), 25); counts(s, anc=450); add("mm-hold-anc-450-every-indication", s)
s = on_treatment(base("panel-hold-03", "multipleMyeloma"), 25); counts(s, plt=28000); add("mm-hold-platelets-28000", s)
s = on_treatment(base("panel-hold-04", "multipleMyeloma"), 25); counts(s, anc=850); add("mm-hold-anc-850-first-neutropenia", s)
s = on_treatment(base("panel-hold-05", "multipleMyeloma"), 20); s["therapy"].update({"status": "interrupted", "interruptedFor": "neutropenia", "previousNeutropeniaInterruptions": 1}); counts(s, anc=1300); add("mm-interrupted-neutropenia-recovered-resume-lower", s)
s = on_treatment(base("panel-hold-06", "multipleMyeloma"), 20); s["therapy"].update({"status": "interrupted", "interruptedFor": "thrombocytopenia"}); counts(s, plt=26000); add("mm-interrupted-thrombocytopenia-still-below-30000", s)
s = on_treatment(base("panel-hold-07", "multipleMyeloma"), 25); s["therapy"]["otherDoseLimitingToxicity"] = True; add("mm-hold-other-grade-3-toxicity", s)
s = on_treatment(base("panel-hold-08", "multipleMyelomaMaintenance"), 10); counts(s, anc=480); add("mm-maintenance-hold-anc-480", s)
s = on_treatment(base("panel-hold-09", "multipleMyelomaMaintenance"), 10); counts(s, plt=27000); add("mm-maintenance-hold-platelets-27000", s)
s = mds_early(base("panel-hold-10", "mdsDel5q", age=73)); counts(s, plt=45000, baselineAncPerMicroliter=1600, baselinePlateletsPerMicroliter=150000); add("mds-first-4-weeks-hold-platelets-45000-baseline-150000", s)
s = mds_early(base("panel-hold-11", "mdsDel5q", age=74)); counts(s, plt=40000, baselineAncPerMicroliter=1600, baselinePlateletsPerMicroliter=85000); add("mds-first-4-weeks-hold-platelets-half-of-baseline-85000", s)
s = mds_early(base("panel-hold-12", "mdsDel5q", age=70)); counts(s, anc=700, baselineAncPerMicroliter=1400, baselinePlateletsPerMicroliter=160000); add("mds-first-4-weeks-hold-anc-700-baseline-1400", s)
s = mds_early(base("panel-hold-13", "mdsNonDel5q", age=76)); counts(s, anc=450, baselineAncPerMicroliter=800, baselinePlateletsPerMicroliter=160000); add("mds-first-4-weeks-hold-anc-450-baseline-800", s)
s = on_treatment(base("panel-hold-14", "mdsDel5q", age=72), 10); counts(s, plt=45000); s["therapy"]["plateletTransfusionDependent"] = True; add("mds-after-4-weeks-hold-platelets-45000-transfusion-dependent", s)
s = on_treatment(base("panel-hold-15", "mdsDel5q", age=72), 10); counts(s, plt=28000); add("mds-after-4-weeks-hold-platelets-28000", s)
s = on_treatment(base("panel-hold-16", "mdsDel5q", age=71), 5); counts(s, anc=480); s["therapy"].update({"fever38_5C": True, "ancBelow500ForDays": 2}); add("mds-after-4-weeks-hold-anc-480-with-fever", s)
s = on_treatment(base("panel-hold-17", "mdsNonDel5q", age=78), 10); counts(s, anc=490); s["therapy"]["ancBelow500ForDays"] = 8; add("mds-after-4-weeks-hold-anc-below-500-for-8-days", s)
s = on_treatment(base("panel-hold-18", "mantleCellLymphoma"), 25); counts(s, plt=42000); add("mcl-hold-platelets-42000", s)
s = on_treatment(base("panel-hold-19", "follicularLymphoma", sex="female"), 20); counts(s, anc=850); s["therapy"].update({"fever38_5C": True, "ancBelow1000ForDays": 1}); add("fl-hold-anc-850-with-fever", s)
s = on_treatment(base("panel-hold-20", "marginalZoneLymphoma"), 20); counts(s, anc=900); s["therapy"]["ancBelow1000ForDays"] = 8; add("mzl-hold-anc-below-1000-for-8-days", s)
s = on_treatment(base("panel-cont-01", "multipleMyeloma"), 25); counts(s, anc=1900, plt=150000); add("mm-on-treatment-counts-fine-continue", s)
s = on_treatment(base("panel-fl-02", "follicularLymphoma", sex="female", age=62), 15); counts(s, anc=1500, plt=95000); add("fl-on-treatment-15mg-counts-fine-continue", s)

# December 2026 snapshot fields: liver tests, cycles completed, hemoglobin with an ESA, statin.
s = on_treatment(base("panel-hold-21", "multipleMyeloma"), 25); s["liver"] = {"takenOn": "2026-11-28", "altTimesUpperLimit": 6.2, "astTimesUpperLimit": 4.1, "bilirubinTimesUpperLimit": 0.9}; add("mm-hold-liver-enzymes-alt-6x", s)
s = on_treatment(base("panel-fl-03", "follicularLymphoma", sex="female", age=63), 20, start="2025-11-11", days=336); s["therapy"]["cyclesCompleted"] = 12; add("fl-12-cycles-completed-maximum-reached", s)
s = base("panel-mm-06", "multipleMyeloma", sex="female", age=70); s["concomitantMedications"] = ["erythropoiesisStimulatingAgent", "statin"]; counts(s, hemoglobinGPerDl=13.4); add("mm-start-esa-hemoglobin-13-4-on-statin", s)

# --- Contraindications, warnings and REMS of CLINICAL.md §7 ---
s = base("panel-ci-01", "multipleMyeloma", sex="female", age=34); s.update({"femaleOfReproductivePotential": True, "pregnant": True}); add("mm-pregnant-contraindicated", s)
s = base("panel-ci-02", "multipleMyeloma"); s["history"]["lenalidomideHypersensitivity"] = True; add("mm-hypersensitivity-contraindicated", s)
s = base("panel-ci-03", "multipleMyeloma"); s["history"]["severeSkinReactionToThalidomide"] = True; add("mm-severe-skin-reaction-to-thalidomide-contraindicated", s)
s = base("panel-ci-04", "mdsDel5q", age=74); s["cytogenetics"]["monosomy7"] = True; add("mds-monosomy-7-contraindicated", s)
s = base("panel-ci-05", "multipleMyeloma"); s["concomitantMedications"] = ["pembrolizumab"]; add("mm-pembrolizumab-contraindicated", s)
s = base("panel-ci-06", "multipleMyeloma", sex="female", age=38); s.update({"femaleOfReproductivePotential": True, "breastfeeding": True}); s["pregnancyTests"] = [{"takenOn": "2026-11-19", "result": "negative"}, {"takenOn": "2026-12-01", "result": "negative"}]; add("mm-breastfeeding-frp-two-negative-pregnancy-tests", s)
s = base("panel-ci-07", "multipleMyeloma", sex="female", age=31); s.update({"femaleOfReproductivePotential": True, "irregularMenstrualCycles": True}); add("mm-frp-no-pregnancy-tests-defer", s)
s = base("panel-ci-08", "mdsDel5q", age=69); s["cytogenetics"]["tp53Mutation"] = True; add("mds-tp53-mutation-closer-monitoring", s)
s = base("panel-ci-09", "multipleMyeloma", age=57); s["therapy"]["transplantCandidate"] = True; s["concomitantMedications"] = ["digoxin", "warfarin"]; add("mm-transplant-candidate-on-digoxin-and-warfarin", s)
s = base("panel-ci-10", "multipleMyeloma", sex="female", age=67); s["regimen"].update({"dexamethasone": "highDose", "doxorubicin": True}); s["concomitantMedications"] = ["erythropoiesisStimulatingAgent", "estrogenContainingTherapy"]; s["vteRiskFactors"].update({"obesity": True, "priorVte": True}); add("mm-high-dose-dexamethasone-esa-estrogen-lmwh", s)
s = base("panel-ci-11", "multipleMyelomaMaintenance", age=60); s["regimen"]["melphalan"] = True; add("mm-maintenance-after-melphalan-second-malignancy", s)
s = base("panel-ci-12", "mantleCellLymphoma", age=72); counts(s, plt=45000); s["concomitantMedications"] = ["directOralAnticoagulant"]; add("mcl-start-on-doac-platelets-45000-bleeding-risk", s)

def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    for name, s in P.items():
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            json.dump(s, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    print(f"{len(P)} patients in {os.path.normpath(OUT)}")

if __name__ == "__main__":
    main()
