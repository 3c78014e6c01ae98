namespace Lena.Storage.Rules;

/// <summary>
/// No rule set can be served: storage is unreachable and there is no validated copy young enough.
/// Callers answer 503; they never fall back to the embedded default, which may differ from the
/// version a pharmacist activated.
/// </summary>
public sealed class RuleSetUnavailableException : Exception
{
    public RuleSetUnavailableException()
    {
    }

    public RuleSetUnavailableException(string message)
        : base(message)
    {
    }

    public RuleSetUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
