namespace Lena.CdsHooks.Feedback;

/// <summary>A CDS Hooks Coding: a code from a code system, with optional display text.</summary>
public sealed record CdsCoding(string System, string Code, string? Display);
