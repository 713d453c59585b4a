using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using P = ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Services;

/// <summary>Translates between the engine's types and the wire contract; no decisions of its own.</summary>
internal static class ProtocolMapper
{
    public static Severity? ToCore(P.Severity severity) => severity switch
    {
        P.Severity.None => Severity.None,
        P.Severity.Info => Severity.Info,
        P.Severity.Warning => Severity.Warning,
        P.Severity.Error => Severity.Error,
        _ => null,
    };

    public static P.Severity ToProto(Severity severity) => severity switch
    {
        Severity.None => P.Severity.None,
        Severity.Info => P.Severity.Info,
        Severity.Warning => P.Severity.Warning,
        Severity.Error => P.Severity.Error,
        _ => P.Severity.Unspecified,
    };

    public static RuleFamily? ToCore(P.RuleFamily family) => family switch
    {
        P.RuleFamily.Defensiveness => RuleFamily.Defensiveness,
        P.RuleFamily.PerceptionDenial => RuleFamily.PerceptionDenial,
        P.RuleFamily.Jargon => RuleFamily.Jargon,
        P.RuleFamily.Empathy => RuleFamily.Empathy,
        _ => null,
    };

    public static P.RuleFamily ToProto(RuleFamily family) => family switch
    {
        RuleFamily.Defensiveness => P.RuleFamily.Defensiveness,
        RuleFamily.PerceptionDenial => P.RuleFamily.PerceptionDenial,
        RuleFamily.Jargon => P.RuleFamily.Jargon,
        RuleFamily.Empathy => P.RuleFamily.Empathy,
        _ => P.RuleFamily.Unspecified,
    };

    public static P.AnalyzeResponse ToProto(AnalysisResult result, string requestId)
    {
        var response = new P.AnalyzeResponse
        {
            RequestId = requestId,
            OverallScore = result.OverallScore,
            ModelVersion = result.ModelVersion ?? "",
            Degraded = result.IsDegraded,
            DegradedReason = result.IsDegraded ? result.DegradedReason ?? "" : "",
            HadCustomerMessage = result.HadCustomerMessage,
        };
        foreach (var family in RuleFamilyNames.All)
            response.FamilyScores.Add(new P.FamilyScore { Family = ToProto(family), Score = result.FamilyScores.GetValueOrDefault(family, 100) });
        foreach (var diagnostic in result.Diagnostics) response.Diagnostics.Add(ToProto(diagnostic));
        return response;
    }

    public static P.Diagnostic ToProto(Diagnostic diagnostic)
    {
        var message = new P.Diagnostic
        {
            RuleId = diagnostic.Id,
            Family = ToProto(diagnostic.Family),
            Severity = ToProto(diagnostic.Severity),
            Message = diagnostic.Message,
            Span = ToProto(diagnostic.Span),
            LineSpan = new P.LinePositionSpan
            {
                Start = new P.LinePosition { Line = diagnostic.LineSpan.Start.Line, Character = diagnostic.LineSpan.Start.Character },
                End = new P.LinePosition { Line = diagnostic.LineSpan.End.Line, Character = diagnostic.LineSpan.End.Character },
            },
            Source = diagnostic.Source == FindingSource.Model ? P.FindingSource.Model : P.FindingSource.Rule,
            Confidence = diagnostic.Confidence,
            HelpLink = diagnostic.Descriptor.HelpLink,
            Title = diagnostic.Descriptor.Title,
        };
        if (diagnostic.ModelConfidence is { } modelConfidence) message.ModelConfidence = modelConfidence;
        foreach (var fix in diagnostic.Fixes) message.Fixes.Add(ToProto(fix));
        return message;
    }

    public static P.CodeFix ToProto(CodeFix fix)
    {
        var message = new P.CodeFix { Title = fix.Title };
        foreach (var edit in fix.Edits) message.Edits.Add(ToProto(edit));
        return message;
    }

    public static P.TextEdit ToProto(Core.Text.TextEdit edit) => new() { Span = ToProto(edit.Span), NewText = edit.NewText };

    public static P.Span ToProto(Core.Text.TextSpan span) => new() { Start = span.Start, Length = span.Length };

    public static P.RuleDescriptor ToProto(RuleDescriptor descriptor, Severity effectiveSeverity) => new()
    {
        Id = descriptor.Id,
        Title = descriptor.Title,
        MessageFormat = descriptor.MessageFormat,
        Family = ToProto(descriptor.Family),
        DefaultSeverity = ToProto(descriptor.DefaultSeverity),
        EnabledByDefault = descriptor.IsEnabledByDefault,
        Description = descriptor.Description,
        HelpLink = descriptor.HelpLink,
        EffectiveSeverity = ToProto(effectiveSeverity),
    };
}
