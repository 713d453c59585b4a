using System.Text;
using ReplyLint.Core.Text;

namespace ReplyLint.Testing;

/// <summary>An expected span in markup: <c>{|RL2001:you are wrong|}</c> (with id) or <c>[|you are wrong|]</c> (id implied).</summary>
public readonly record struct ExpectedSpan(string? RuleId, TextSpan Span);

/// <summary>
/// Roslyn-test markup, so a reader sees the expected span in the text itself:
/// <c>"Sorry, but {|RL2001:you are wrong|} about the charge."</c>.
/// </summary>
public static class Markup
{
    public static (string Text, IReadOnlyList<ExpectedSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string? Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0) throw new FormatException($"'{{|' at {i} has no ':' after its rule id");
                open.Push((markup[(i + 2)..colon], text.Length));
                i = colon;
            }
            else if (markup[i] == '[' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                open.Push((null, text.Length));
                i++;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] is '}' or ']')
            {
                if (open.Count == 0) throw new FormatException($"'|{markup[i + 1]}' at {i} closes nothing");
                var (id, start) = open.Pop();
                if ((id is null) != (markup[i + 1] == ']')) throw new FormatException($"mismatched markup bracket at {i}");
                spans.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }
        if (open.Count > 0) throw new FormatException("markup has an unclosed span");
        return (text.ToString(), spans.OrderBy(s => s.Span.Start).ToList());
    }

    /// <summary>Writes diagnostics back into markup, for readable assertion failures.</summary>
    public static string Render(string text, IEnumerable<(string Id, TextSpan Span)> spans)
    {
        var builder = new StringBuilder(text);
        foreach (var (id, span) in spans.OrderByDescending(s => s.Span.Start).ThenBy(s => s.Span.Length))
        {
            builder.Insert(span.End, "|}");
            builder.Insert(span.Start, "{|" + id + ":");
        }
        return builder.ToString();
    }
}
