namespace Lena.Courses;

/// <summary>
/// An <c>Idempotency-Key</c> taken by an enrollment: the key's and the body's SHA-256 and the
/// course id it stands for. A retry with the same key and body gets that course, never a second.
/// </summary>
public sealed record IdempotencyRecord(string KeyHash, string BodyHash, string CourseId);
