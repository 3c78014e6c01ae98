namespace Lena.Fhir.Codes;

/// <summary>What a Condition code means for the snapshot.</summary>
internal enum ConditionMeaning
{
    MultipleMyeloma,

    /// <summary>
    /// Multiple myeloma in remission (ICD-10-CM C90.01): lenalidomide then is either post-transplant maintenance or
    /// continued myeloma therapy — two indications with different doses that the code cannot tell apart.
    /// </summary>
    MultipleMyelomaInRemission,
    MdsDel5q,

    /// <summary>MDS whose del(5q) status the code does not say (D46.x other than D46.C).</summary>
    MdsUnspecified,
    MantleCellLymphoma,
    FollicularLymphoma,
    MarginalZoneLymphoma,
    Cll,
    Dialysis,
    Pregnancy,
    PriorVte,
    Obesity,
    CardiacDisease,
    ChronicKidneyDisease,
    Diabetes,
    InheritedThrombophilia,

    /// <summary>A cardiac pacemaker in situ (the VTE risk factor "central venous catheter or pacemaker").</summary>
    CardiacDeviceInSitu,
}
