namespace Lena.Clinical.Contract;

/// <summary>What a request asks for; each concern requires different parts of the snapshot.</summary>
public enum Concern
{
    Dosing,
    MonitoringSchedule,
    VteProphylaxis,
    Contraindications,
    Assessment,

    /// <summary>Enrolling a treatment course: the monitoring inputs plus <c>patientId</c>.</summary>
    CourseEnrollment,
}
