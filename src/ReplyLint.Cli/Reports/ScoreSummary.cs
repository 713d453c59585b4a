using ReplyLint.Cli.Archives;
using ReplyLint.Cli.Scoring;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Reports;

/// <summary>
/// The run's summary as counters, so its size does not grow with the archive: a 101-bucket score histogram, counts
/// per rule, family, severity and source, per-agent and per-channel aggregates (capped), the first malformed rows,
/// and the worst replies in a bounded heap. Fed by one thread (the ordered writer), in archive order.
/// </summary>
internal sealed class ScoreSummary(int worstCapacity = 25, int maxGroups = 5000, int maxProblemsKept = 200)
{
    public const string OtherGroup = "(other)";
    public const string NoGroup = "(none)";

    private readonly long[] _histogram = new long[101];
    private readonly long[] _familyScoreSum = new long[RuleFamilyNames.All.Count];
    private readonly long[] _findingsByFamily = new long[RuleFamilyNames.All.Count];
    private readonly long[] _repliesByFamily = new long[RuleFamilyNames.All.Count];
    private readonly long[] _findingsBySeverity = new long[4];
    private readonly long[] _findingsBySource = new long[2];
    private readonly Dictionary<string, long> _findingsByRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupStats> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupStats> _channels = new(StringComparer.Ordinal);
    private readonly List<ArchiveProblemRecord> _problems = [];

    public long Scored { get; private set; }
    public long Resumed { get; private set; }
    /// <summary>Archive records skipped as malformed, counted once per line they take up (see <see cref="AddProblem"/>).</summary>
    public long Malformed { get; private set; }
    /// <summary>How many problems were reported: a record over several lines is one problem.</summary>
    public long MalformedRecords { get; private set; }
    public long RepliesWithFindings { get; private set; }
    public long TotalFindings { get; private set; }
    public long DegradedReplies { get; private set; }
    public WorstReplies Worst { get; } = new(worstCapacity);
    public IReadOnlyList<ArchiveProblemRecord> Problems => _problems;
    public IReadOnlyList<long> Histogram => _histogram;
    public IReadOnlyDictionary<string, long> FindingsByRule => _findingsByRule;
    public IReadOnlyDictionary<string, GroupStats> Agents => _agents;
    public IReadOnlyDictionary<string, GroupStats> Channels => _channels;
    public long Total => Scored + Resumed;

    public long FindingsBy(RuleFamily family) => _findingsByFamily[Index(family)];
    public long RepliesWith(RuleFamily family) => _repliesByFamily[Index(family)];
    public double MeanFamilyScore(RuleFamily family) => Total == 0 ? 100 : (double)_familyScoreSum[Index(family)] / Total;
    public long FindingsBy(Severity severity) => _findingsBySeverity[(int)severity];
    public long FindingsBy(FindingSource source) => _findingsBySource[(int)source];

    public double MeanScore
    {
        get
        {
            if (Total == 0) return 0;
            double sum = 0;
            for (var i = 0; i < _histogram.Length; i++) sum += (double)i * _histogram[i];
            return sum / Total;
        }
    }

    /// <summary>The score at quantile <paramref name="q"/> (0..1), read off the histogram.</summary>
    public int Percentile(double q)
    {
        if (Total == 0) return 0;
        var target = (long)Math.Ceiling(q * Total);
        long seen = 0;
        for (var i = 0; i < _histogram.Length; i++)
        {
            seen += _histogram[i];
            if (seen >= Math.Max(1, target)) return i;
        }
        return 100;
    }

    /// <summary>Adds a reply scored now (<paramref name="resumed"/>: read back from a previous run's output).</summary>
    public void Add(ScoredReply reply, string text, bool resumed = false)
    {
        if (resumed) Resumed++;
        else Scored++;
        _histogram[Math.Clamp(reply.Score, 0, 100)]++;
        if (reply.Degraded) DegradedReplies++;
        for (var i = 0; i < reply.FamilyScores.Length && i < _familyScoreSum.Length; i++) _familyScoreSum[i] += reply.FamilyScores[i];
        Span<bool> familySeen = stackalloc bool[_repliesByFamily.Length];
        foreach (var f in reply.Findings)
        {
            TotalFindings++;
            var family = Index(f.Family);
            _findingsByFamily[family]++;
            familySeen[family] = true;
            _findingsBySeverity[(int)f.Severity]++;
            _findingsBySource[(int)f.Source]++;
            _findingsByRule[f.RuleId] = _findingsByRule.GetValueOrDefault(f.RuleId) + 1;
        }
        for (var i = 0; i < familySeen.Length; i++) if (familySeen[i]) _repliesByFamily[i]++;
        if (reply.Findings.Length > 0) RepliesWithFindings++;
        Group(_agents, reply.Agent).Add(reply);
        Group(_channels, reply.Channel).Add(reply);
        Worst.Offer(reply, text);
    }

    /// <summary>
    /// A skipped record over lines <paramref name="line"/> to <paramref name="endLine"/>. It counts once per line: a
    /// CSV record that runs over several lines has usually swallowed the records after it (a quote never closed), and
    /// scored plus malformed should still account for every record of the archive.
    /// </summary>
    public void AddProblem(long line, long endLine, string problem)
    {
        Malformed += Math.Max(1, endLine - line + 1);
        MalformedRecords++;
        if (_problems.Count < maxProblemsKept) _problems.Add(new ArchiveProblemRecord(line, Math.Max(line, endLine), problem));
    }

    private GroupStats Group(Dictionary<string, GroupStats> groups, string? key)
    {
        key = string.IsNullOrEmpty(key) ? NoGroup : key;
        if (groups.TryGetValue(key, out var stats)) return stats;
        // Past the cap, new names share one row, so a column of unique values cannot grow the summary without bound.
        if (groups.Count >= maxGroups) key = OtherGroup;
        if (!groups.TryGetValue(key, out stats)) groups[key] = stats = new GroupStats();
        return stats;
    }

    private static int Index(RuleFamily family) => (int)family - 1;
}

internal sealed record ArchiveProblemRecord(long Line, long EndLine, string Problem);

/// <summary>Counts for one agent or channel.</summary>
internal sealed class GroupStats
{
    public long Replies { get; private set; }
    public long ScoreSum { get; private set; }
    public long Findings { get; private set; }
    public long RepliesWithFindings { get; private set; }
    public int MinScore { get; private set; } = 100;
    public long Errors { get; private set; }
    public double MeanScore => Replies == 0 ? 0 : (double)ScoreSum / Replies;

    public void Add(ScoredReply reply)
    {
        Replies++;
        ScoreSum += reply.Score;
        Findings += reply.Findings.Length;
        if (reply.Findings.Length > 0) RepliesWithFindings++;
        MinScore = Math.Min(MinScore, reply.Score);
        foreach (var f in reply.Findings) if (f.Severity == Severity.Error) Errors++;
    }
}

/// <summary>A reply kept for the report, with its (possibly shortened) text.</summary>
internal sealed record WorstReply(ScoredReply Reply, string Text, bool Truncated);

/// <summary>
/// The N lowest-scoring replies (ties: more findings first, then earlier in the archive), in a heap whose root is
/// the mildest of those kept, so each offer is O(log N) and memory is N replies whatever the archive size.
/// </summary>
internal sealed class WorstReplies(int capacity)
{
    public const int MaxTextLength = 4000;
    private readonly PriorityQueue<WorstReply, (int Score, int NegFindings, long Line)> _heap = new(Comparer<(int, int, long)>.Create(
        (a, b) => b.CompareTo(a)));

    public int Capacity { get; } = capacity;

    public void Offer(ScoredReply reply, string text)
    {
        if (Capacity <= 0 || reply.Findings.Length == 0) return;
        var key = (reply.Score, -reply.Findings.Length, reply.Line);
        if (_heap.Count >= Capacity)
        {
            _heap.TryPeek(out _, out var mildest);
            // Strictly worse than the mildest kept (lower score, or as low with more findings), else keep what we have.
            if (reply.Score > mildest.Score || (reply.Score == mildest.Score && -reply.Findings.Length >= mildest.NegFindings)) return;
            _heap.Dequeue();
        }
        var truncated = text.Length > MaxTextLength;
        if (truncated)
        {
            var cut = MaxTextLength;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            text = text[..cut];
            reply = reply with { Findings = reply.Findings.Where(f => f.Start + f.Length <= cut).ToArray() };
        }
        _heap.Enqueue(new WorstReply(reply, text, truncated), key);
    }

    /// <summary>The kept replies, worst first.</summary>
    public IReadOnlyList<WorstReply> ToList() =>
        _heap.UnorderedItems.OrderBy(i => i.Element.Reply.Score).ThenByDescending(i => i.Element.Reply.Findings.Length)
            .ThenBy(i => i.Element.Reply.Line).Select(i => i.Element).ToList();
}
