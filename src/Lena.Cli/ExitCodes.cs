namespace Lena.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line itself is wrong (unknown command, missing file).</summary>
    public const int Usage = 1;

    /// <summary>The input (snapshot or rule set) is invalid; the problem is on stdout.</summary>
    public const int InvalidInput = 2;
}
