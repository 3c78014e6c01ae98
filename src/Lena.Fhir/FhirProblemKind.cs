namespace Lena.Fhir;

public enum FhirProblemKind
{
    /// <summary>The value is not in the record; a FHIR search may find it.</summary>
    Missing,

    /// <summary>The record holds conflicting candidates and nothing picks one.</summary>
    Ambiguous,

    /// <summary>A quantity in a unit we do not convert (never guessed).</summary>
    UnknownUnit,

    /// <summary>The resource or value is malformed or cannot be interpreted.</summary>
    Invalid,

    /// <summary>FHIR has no standard place for it: send our extension, or the clinician must answer.</summary>
    NotInFhir,

    /// <summary>The newest value is older than the rule set lets a decision rest on; a newer one is needed.</summary>
    Outdated,
}
