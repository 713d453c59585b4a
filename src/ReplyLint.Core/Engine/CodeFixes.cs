using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Engine;

/// <summary>Fix-all: the chosen rewrites, earliest first, skipping any that would overlap one already taken.</summary>
public static class CodeFixes
{
    /// <summary>
    /// The first fix of each finding. With <paramref name="oneInsertion"/>, at most one fix that only inserts (a
    /// sentence: an acknowledgement, a next step) is taken and the others are left for the next pass: once one
    /// acknowledgement is in, the findings after it are judged again, and those it answers (a denial after an
    /// acknowledgement is no denial) no longer add their own, so the reply says sorry once.
    /// </summary>
    public static ReplyText ApplyFirstFixes(ReplyText text, IEnumerable<Diagnostic> diagnostics,
        out IReadOnlyList<(Diagnostic Diagnostic, CodeFix Fix)> applied, bool oneInsertion = false)
    {
        var chosen = diagnostics.Where(d => d.Fixes.Length > 0).Select(d => (Diagnostic: d, Fix: d.Fixes[0]));
        return Apply(text, chosen, out applied, oneInsertion);
    }

    public static ReplyText Apply(ReplyText text, IEnumerable<(Diagnostic Diagnostic, CodeFix Fix)> fixes,
        out IReadOnlyList<(Diagnostic Diagnostic, CodeFix Fix)> applied, bool oneInsertion = false)
    {
        var edits = new List<TextEdit>();
        var taken = new List<(Diagnostic, CodeFix)>();
        var insertionTaken = false;
        foreach (var (diagnostic, fix) in fixes.OrderBy(f => f.Fix.Edits.Min(e => e.Span.Start)))
        {
            var insertsOnly = fix.Edits.All(e => e.Span.IsEmpty);
            if (oneInsertion && insertsOnly && insertionTaken) continue;
            if (fix.Edits.Any(e => e.Span.End > text.Length)) continue;
            if (fix.Edits.Any(e => edits.Any(t => Conflicts(t, e)))) continue;
            // Two insertions of the same sentence at one spot (e.g. two absence rules) would say it twice.
            if (fix.Edits.Any(e => edits.Any(t => t.Span == e.Span && t.NewText == e.NewText))) continue;
            edits.AddRange(fix.Edits);
            taken.Add((diagnostic, fix));
            insertionTaken |= insertsOnly;
        }
        applied = taken;
        return text.WithChanges(edits);
    }

    private static bool Conflicts(TextEdit a, TextEdit b)
    {
        if (a.Span.OverlapsWith(b.Span)) return true;
        // An insertion inside (not at the edge of) a replaced span conflicts too.
        if (a.Span.IsEmpty && a.Span.Start > b.Span.Start && a.Span.Start < b.Span.End) return true;
        if (b.Span.IsEmpty && b.Span.Start > a.Span.Start && b.Span.Start < a.Span.End) return true;
        // Two insertions at one point: their order would be arbitrary.
        return a.Span.IsEmpty && b.Span.IsEmpty && a.Span.Start == b.Span.Start && a.NewText != b.NewText;
    }
}
