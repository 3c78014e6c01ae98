using System.Globalization;
using Lena.Clinical.Derived;
using Lena.Clinical.Findings;
using Lena.Clinical.Snapshot;

namespace Lena.Clinical.Contraindications;

/// <summary>An erythropoiesis-stimulating agent with haemoglobin above the rule set's threshold: stop the ESA (thrombosis).</summary>
public static class EsaHemoglobinCheck
{
    public static Finding? Evaluate(PatientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = context.Rules.SafetyChecks.EsaHemoglobin;
        return context.Snapshot.Takes(ConcomitantMedication.ErythropoiesisStimulatingAgent)
            && context.Snapshot.Labs?.HemoglobinGPerDl is { } hemoglobin && hemoglobin > rule.AboveGPerDl
            ? rule.Finding.ToFinding($"Haemoglobin {hemoglobin.ToString("0.#", CultureInfo.InvariantCulture)} g/dL on {context.Snapshot.Labs.TakenOn:yyyy-MM-dd}. {rule.Finding.Message}")
            : null;
    }
}
