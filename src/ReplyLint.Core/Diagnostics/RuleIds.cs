namespace ReplyLint.Core.Diagnostics;

/// <summary>
/// Every rule id ever allocated, in one place (as Roslyn's IDEDiagnosticIds). A retired id stays here,
/// commented as retired, and is never reused.
/// </summary>
public static class RuleIds
{
    // Defensiveness: RL1xxx
    public const string BlamingTheCustomer = "RL1001";
    public const string DenyingResponsibility = "RL1002";
    public const string Condescension = "RL1003";
    public const string HidingBehindPolicy = "RL1004";
    public const string DefendingTheRecord = "RL1005";
    public const string SendingBackToAStepAlreadyTaken = "RL1006";
    public const string PointingToWhatTheCustomerSawOrDid = "RL1007";
    public const string ModelDefensiveness = "RL1900";

    // Perception denial: RL2xxx
    public const string TellingCustomerWrong = "RL2001";
    public const string ContradictingAccount = "RL2002";
    public const string DenyingTheProblem = "RL2003";
    public const string MinimizingFeelings = "RL2004";
    public const string ModelPerceptionDenial = "RL2900";

    // Jargon: RL3xxx
    public const string Legalese = "RL3001";
    public const string DisclaimerLanguage = "RL3002";
    public const string LegalEscalation = "RL3003";
    public const string InternalJargon = "RL3004";
    public const string ModelJargon = "RL3900";

    // Empathy: RL4xxx
    public const string NoAcknowledgement = "RL4001";
    public const string LateAcknowledgement = "RL4002";
    public const string NoThanks = "RL4003";
    public const string NoNextStep = "RL4004";

    public static bool IsWellFormed(string? id) =>
        id is { Length: 6 } && id.StartsWith("RL", StringComparison.Ordinal) &&
        char.IsAsciiDigit(id[2]) && char.IsAsciiDigit(id[3]) && char.IsAsciiDigit(id[4]) && char.IsAsciiDigit(id[5]);

    public static RuleFamily? FamilyOf(string id) => IsWellFormed(id) && id[2] is >= '1' and <= '4'
        ? (RuleFamily)(id[2] - '0')
        : null;
}
