namespace Lena.CdsHooks.Storage;

/// <summary>The table names in the <c>CdsHooks</c> section (<c>CdsHooks__TokensTable</c>, <c>CdsHooks__FeedbackTable</c>).</summary>
public sealed class CdsHooksStorageOptions
{
    public const string SectionName = "CdsHooks";

    public string TokensTable { get; set; } = "LenaCdsTokens";

    public string FeedbackTable { get; set; } = "LenaCdsFeedback";
}
