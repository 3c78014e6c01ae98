namespace Lena.Courses;

public enum EnrollmentStatus
{
    /// <summary>A new course (201).</summary>
    Created,

    /// <summary>The course an earlier request with the same idempotency key and body made (200).</summary>
    Replayed,

    /// <summary>The idempotency key was used with another body (422); nothing was stored.</summary>
    KeyReused,
}

/// <summary>What an enrollment did: the course and its follow-ups, unless the key was reused.</summary>
public sealed record EnrollmentOutcome(EnrollmentStatus Status, CourseRecord? Course, IReadOnlyList<FollowUpRecord> FollowUps);
