namespace Lena.CdsHooks.Feedback;

/// <summary>What the clinician did with a card (CDS Hooks 2.0 feedback <c>outcome</c>).</summary>
public enum CdsFeedbackOutcome
{
    Accepted = 1,
    Overridden,
}
