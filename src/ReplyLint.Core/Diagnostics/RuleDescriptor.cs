namespace ReplyLint.Core.Diagnostics;

/// <summary>What a rule is, independent of any one finding: Roslyn's <c>DiagnosticDescriptor</c>.</summary>
public sealed record RuleDescriptor
{
    public const string HelpLinkBase = "docs/rules/";

    public RuleDescriptor(string id, string title, string messageFormat, RuleFamily family,
        Severity defaultSeverity, bool isEnabledByDefault = true, string? description = null)
    {
        if (!RuleIds.IsWellFormed(id))
            throw new ArgumentException($"Rule id '{id}' is not RL followed by four digits.", nameof(id));
        if (RuleIds.FamilyOf(id) != family)
            throw new ArgumentException($"Rule id '{id}' is outside the {family} range RL{(int)family}xxx.", nameof(id));
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Family = family;
        DefaultSeverity = defaultSeverity;
        IsEnabledByDefault = isEnabledByDefault;
        Description = description ?? title;
    }

    public string Id { get; }
    public string Title { get; }
    /// <summary>A message with <c>{0}</c> for the flagged text, like Roslyn's message formats.</summary>
    public string MessageFormat { get; }
    public RuleFamily Family { get; }
    public Severity DefaultSeverity { get; }
    public bool IsEnabledByDefault { get; }
    public string Description { get; }
    public string HelpLink => $"{HelpLinkBase}{Id}.md";

    public string FormatMessage(string flaggedText) =>
        MessageFormat.Contains("{0}", StringComparison.Ordinal)
            ? MessageFormat.Replace("{0}", flaggedText, StringComparison.Ordinal)
            : MessageFormat;
}
