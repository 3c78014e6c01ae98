namespace Lena.Clinical.Contract;

/// <summary>What a request asks for; each concern requires different parts of the snapshot.</summary>
public enum Concern
{
    Dosing,
    MonitoringSchedule,
    VteProphylaxis,
    Contraindications,
    Assessment,
}
