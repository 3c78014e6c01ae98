using Lena.Fhir.Codes;

namespace Lena.Fhir.Mapping;

/// <summary>What an assessment cannot do without; each absence is a blocking problem.</summary>
internal static class RequiredData
{
    public static void Check(MappingContext context)
    {
        // indication and sex report their own blocking problems where they are read.
        if (!context.Has("renal.onDialysis") || context.Has("renal.serumCreatinineMgPerDl"))
        {
            context.Require("renal.serumCreatinineMgPerDl",
                $"No usable serum creatinine: send an Observation with LOINC {LoincCodes.CodesOf(LabConcept.SerumCreatinine)} (UCUM mg/dL or umol/L), status final. Dosing adjusts for creatinine clearance.");
        }

        if (context.Has("renal.serumCreatinineMgPerDl"))
        {
            context.Require("ageYears", "Patient.birthDate is needed to compute creatinine clearance (Cockcroft–Gault).");
            context.Require("weightKg",
                "No usable body weight: send an Observation with LOINC 29463-7 in UCUM kg, g or [lb_av]; Cockcroft–Gault needs it.");
        }

        if (context.Get("therapy.status")?.GetValue<string>() is "onTreatment" or "interrupted")
        {
            context.Require("labs.ancPerMicroliter",
                "No usable absolute neutrophil count: send an Observation with LOINC 751-8, 26499-4 or 753-4 in UCUM 10*3/uL, 10*9/L or /uL, status final. Labs are required during therapy.");
            context.Require("labs.plateletsPerMicroliter",
                "No usable platelet count: send an Observation with LOINC 777-3 or 26515-7 in UCUM 10*3/uL, 10*9/L or /uL, status final. Labs are required during therapy.");
        }
    }
}
