namespace ReplyLint.Core.Diagnostics;

/// <summary>Severity, ordered: a finding is reported when its severity is at least the minimum in force.</summary>
public enum Severity
{
    None = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

public static class SeverityParser
{
    public static bool TryParse(string? value, out Severity severity)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "none": case "off": case "silent": severity = Severity.None; return true;
            case "info": case "suggestion": severity = Severity.Info; return true;
            case "warning": case "warn": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = default; return false;
        }
    }

    public static string ToConfigString(this Severity severity) => severity.ToString().ToLowerInvariant();
}
