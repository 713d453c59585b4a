namespace ReplyLint.Cli;

/// <summary>The tool's exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the failing severity was found.</summary>
    public const int Clean = 0;
    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;
    /// <summary>A usage or input error: bad flags, unreadable files, a broken configuration or model.</summary>
    public const int UsageOrInputError = 2;
    /// <summary>A bug in ReplyLint itself: the message names the exception; nothing was half-written by the failing step.</summary>
    public const int InternalError = 3;
    /// <summary>The run was interrupted (Ctrl+C); what was finished is kept and <c>score --resume</c> continues it.</summary>
    public const int Interrupted = 130;
}
