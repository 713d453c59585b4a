using System.Globalization;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Protocol.V1;
using ReplyLint.Server.Hosting;
using CoreSeverity = ReplyLint.Core.Diagnostics.Severity;

namespace ReplyLint.Server.Services;

/// <summary>
/// Checks what a caller sent and turns the per-request options into the engine's <see cref="AnalysisOverrides"/>.
/// Descriptions name offsets and sizes, never the text itself.
/// </summary>
internal sealed class RequestValidator(ReplyLintServerOptions options, RuleCatalog catalog)
{
    public void CheckText(Violations violations, string field, string text, bool required)
    {
        if (text.Length == 0)
        {
            if (required) violations.Invalid(field, "must not be empty");
            return;
        }
        if (text.Length > options.MaxTextLength)
        {
            violations.TooLarge(field, string.Create(CultureInfo.InvariantCulture,
                $"is {text.Length} UTF-16 code units; the limit is {options.MaxTextLength}"));
            return;
        }
        var at = FindBadCharacter(text, out var problem);
        if (at >= 0) violations.Invalid(field, Contains(problem, at));
    }

    internal const string UnpairedSurrogate = "an unpaired UTF-16 surrogate";

    /// <summary>A bad character's description, in the same words on every route: the offset is in UTF-16 code units.</summary>
    internal static string Contains(string problem, int offset) =>
        string.Create(CultureInfo.InvariantCulture, $"contains {problem} at offset {offset}");

    public void CheckRequestId(Violations violations, string field, string requestId)
    {
        if (requestId.Length > options.MaxRequestIdLength)
            violations.Invalid(field, string.Create(CultureInfo.InvariantCulture,
                $"is {requestId.Length} characters; the limit is {options.MaxRequestIdLength}"));
        else if (requestId.Any(char.IsControl))
            violations.Invalid(field, "contains control characters");
    }

    public AnalysisOverrides ToOverrides(Violations violations, string field, AnalysisOptions? request, bool? forceIncludeFixes = null)
    {
        if (request is null) return forceIncludeFixes is { } f ? new AnalysisOverrides { IncludeFixes = f } : AnalysisOverrides.None;

        var disabledRules = new List<string>();
        for (var i = 0; i < request.DisabledRules.Count; i++)
        {
            var id = request.DisabledRules[i];
            if (catalog.Find(id) is null) violations.Invalid($"{field}.disabled_rules[{i}]", $"unknown rule id '{Printable(id)}'");
            else disabledRules.Add(id);
        }

        var disabledFamilies = new List<Core.Diagnostics.RuleFamily>();
        for (var i = 0; i < request.DisabledFamilies.Count; i++)
        {
            if (ProtocolMapper.ToCore(request.DisabledFamilies[i]) is { } family) disabledFamilies.Add(family);
            else violations.Invalid($"{field}.disabled_families[{i}]", $"unknown family {(int)request.DisabledFamilies[i]}");
        }

        var severities = new Dictionary<string, CoreSeverity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, severity) in request.SeverityOverrides)
        {
            var descriptor = catalog.Find(id);
            if (descriptor is null)
                violations.Invalid($"{field}.severity_overrides[{Printable(id)}]", $"unknown rule id '{Printable(id)}'");
            else if (ProtocolMapper.ToCore(severity) is { } s)
                severities[descriptor.Id] = s;
            else
                violations.Invalid($"{field}.severity_overrides[{descriptor.Id}]",
                    $"severity {(int)severity} is not one of SEVERITY_NONE, SEVERITY_INFO, SEVERITY_WARNING, SEVERITY_ERROR");
        }

        CoreSeverity? minimumSeverity = null;
        if (request.MinimumSeverity != Severity.Unspecified)
        {
            minimumSeverity = ProtocolMapper.ToCore(request.MinimumSeverity);
            if (minimumSeverity is null)
                violations.Invalid($"{field}.minimum_severity", $"severity {(int)request.MinimumSeverity} is not a known severity");
        }

        double? minimumConfidence = null;
        if (request.HasMinimumConfidence)
        {
            if (double.IsNaN(request.MinimumConfidence) || request.MinimumConfidence is < 0 or > 1)
                violations.Invalid($"{field}.minimum_confidence", "must be between 0 and 1");
            else minimumConfidence = request.MinimumConfidence;
        }

        return new AnalysisOverrides
        {
            DisabledRules = disabledRules,
            DisabledFamilies = disabledFamilies,
            SeverityOverrides = severities,
            MinimumSeverity = minimumSeverity,
            MinimumConfidence = minimumConfidence,
            IncludeFixes = forceIncludeFixes ?? (request.HasIncludeFixes ? request.IncludeFixes : null),
        };
    }

    /// <summary>The offset of the first character a reply cannot contain: a control character other than
    /// tab, line feed, vertical tab, form feed and carriage return, or half of a surrogate pair.</summary>
    internal static int FindBadCharacter(string text, out string problem)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\v' or '\f' or '\r'))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)c:X4}");
                return i;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c))
            {
                problem = UnpairedSurrogate;
                return i;
            }
        }
        problem = "";
        return -1;
    }

    // An unknown id is echoed back to the caller; keep it short and printable.
    internal static string Printable(string value)
    {
        var cleaned = new string(value.Take(32).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c).ToArray());
        return value.Length > 32 ? cleaned + "…" : cleaned;
    }
}
