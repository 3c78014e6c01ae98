namespace Lena.Clinical.Snapshot;

// Wire names are the camelCase member names (API.md); never renumber or rename a member.

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<Indication>))]
public enum Indication
{
    MultipleMyeloma,
    MultipleMyelomaMaintenance,
    MdsDel5q,
    MdsNonDel5q,
    MantleCellLymphoma,
    FollicularLymphoma,
    MarginalZoneLymphoma,
    Cll,
}

public enum Sex
{
    Female,
    Male,
}

public enum TherapyStatus
{
    Starting,
    OnTreatment,
    Interrupted,
}

public enum InterruptionCause
{
    Neutropenia,
    Thrombocytopenia,
    OtherToxicity,
}

public enum DexamethasoneDose
{
    None,
    LowDose,
    HighDose,
}

public enum ConcomitantMedication
{
    Digoxin,
    Warfarin,
    DirectOralAnticoagulant,
    LowMolecularWeightHeparin,
    Aspirin,
    Pembrolizumab,
    ErythropoiesisStimulatingAgent,
    EstrogenContainingTherapy,
    Statin,
    CombinedHormonalContraceptive,
}

public enum PregnancyTestResult
{
    Negative,
    Positive,
}

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<DoseFrequency>))]
public enum DoseFrequency
{
    Daily,
    Every48Hours,
}

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<DoseSchedule>))]
public enum DoseSchedule
{
    Days1To21Every28,
    Continuous,
}

[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<VteRiskFactor>))]
public enum VteRiskFactor
{
    Obesity,
    PriorVte,
    CentralVenousCatheterOrPacemaker,
    CardiacDisease,
    ChronicKidneyDisease,
    Diabetes,
    AcuteInfection,
    Immobilization,
    RecentSurgeryOrTrauma,
    InheritedThrombophilia,
    NewlyDiagnosedMyeloma,
    Hyperviscosity,
    ErythropoiesisStimulatingAgent,
    EstrogenContainingTherapy,
    HighDoseDexamethasone,
    Doxorubicin,
    MultiagentChemotherapy,
}
