using System.Reflection;
using System.Text.Json;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Catalog;

/// <summary>A rule as the catalog describes it: descriptor plus the data its detector and fix work from.</summary>
internal sealed record CatalogRule(RuleDescriptor Descriptor, RuleFile File, string SourceName, JsonLocations Locations);

/// <summary>
/// The rule catalog: one JSON file per rule in data/rules (descriptor, patterns, guards, fix, examples) plus
/// lexicons.json (macros and shared phrase sets). The default catalog is embedded in this assembly.
/// </summary>
public sealed class RuleCatalog
{
    internal const string LexiconsName = "lexicons.json";
    private const string ResourcePrefix = "ReplyLint.Catalog.";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        // A key given twice is a mistake in a hand-edited file (the last one would silently win), like a misspelt one.
        AllowDuplicateProperties = false,
    };

    private static readonly Lazy<RuleCatalog> LazyDefault = new(LoadEmbedded);
    private readonly Dictionary<string, CatalogRule> _byId;

    private RuleCatalog(List<CatalogRule> rules, LexiconsFile lexicons, string lexiconsSource, JsonLocations lexiconLocations)
    {
        Rules = rules.OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
        _byId = Rules.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
        Lexicons = lexicons;
        LexiconsSource = lexiconsSource;
        LexiconLocations = lexiconLocations;
        Descriptors = Rules.Select(r => r.Descriptor).ToList();
    }

    /// <summary>The catalog that ships with ReplyLint.</summary>
    public static RuleCatalog Default => LazyDefault.Value;

    public IReadOnlyList<RuleDescriptor> Descriptors { get; }
    internal IReadOnlyList<CatalogRule> Rules { get; }
    internal LexiconsFile Lexicons { get; }
    internal string LexiconsSource { get; }
    internal JsonLocations LexiconLocations { get; }

    public RuleDescriptor? Find(string id) => _byId.TryGetValue(id, out var rule) ? rule.Descriptor : null;
    internal CatalogRule? FindRule(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Loads a catalog from a folder of RLxxxx.json files and lexicons.json (for authors trying changes).</summary>
    public static RuleCatalog LoadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f), f));
        return Load(files);
    }

    private static RuleCatalog LoadEmbedded()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], ReadResource(assembly, n), "data/rules/" + n[ResourcePrefix.Length..]));
        return Load(files);
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static RuleCatalog Load(IEnumerable<(string Name, byte[] Bytes, string Source)> files)
    {
        var rules = new List<CatalogRule>();
        LexiconsFile? lexicons = null;
        var lexiconsSource = LexiconsName;
        var lexiconLocations = new JsonLocations();
        foreach (var (name, bytes, source) in files)
        {
            var locations = JsonLocations.Index(bytes);
            if (name == LexiconsName)
            {
                lexicons = Deserialize<LexiconsFile>(bytes, source);
                lexiconsSource = source;
                lexiconLocations = locations;
                continue;
            }
            if (!name.StartsWith("RL", StringComparison.Ordinal)) continue;
            var file = Deserialize<RuleFile>(bytes, source);
            rules.Add(new CatalogRule(ToDescriptor(file, source, locations), file, source, locations));
        }
        if (lexicons is null) throw new ReplyLintConfigurationException(LexiconsName, 1, "$", "the catalog has no lexicons.json");
        var duplicate = rules.GroupBy(r => r.Descriptor.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ReplyLintConfigurationException(duplicate.Last().SourceName, 1, "$.id", $"rule id {duplicate.Key} is used twice");
        var catalog = new RuleCatalog(rules, lexicons, lexiconsSource, lexiconLocations);
        // Compile every pattern once now, so a bad pattern fails at load time naming its file and line.
        _ = Matching.PhraseRuleSet.Build(catalog, new Configuration.ReplyLintOptions());
        return catalog;
    }

    internal static T Deserialize<T>(byte[] bytes, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, JsonOptions)
                   ?? throw new ReplyLintConfigurationException(source, 1, "$", "the file is empty");
        }
        catch (JsonException e)
        {
            throw new ReplyLintConfigurationException(source, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", e.Message);
        }
    }

    private static RuleDescriptor ToDescriptor(RuleFile file, string source, JsonLocations locations)
    {
        ReplyLintConfigurationException Error(string key, string problem) => new(source, locations.LineOf("$." + key), key, problem);

        if (!RuleIds.IsWellFormed(file.Id)) throw Error("id", $"'{file.Id}' is not RL followed by four digits");
        if (!RuleFamilyNames.TryParse(file.Family, out var family)) throw Error("family", $"unknown family '{file.Family}'");
        if (RuleIds.FamilyOf(file.Id) != family) throw Error("id", $"{file.Id} is outside the {family} range RL{(int)family}xxx");
        if (!SeverityParser.TryParse(file.Severity, out var severity)) throw Error("severity", $"unknown severity '{file.Severity}'");
        if (string.IsNullOrWhiteSpace(file.Title)) throw Error("title", "a rule needs a title");
        if (string.IsNullOrWhiteSpace(file.Message)) throw Error("message", "a rule needs a message");
        if (file.Kind is not ("phrase" or "code")) throw Error("kind", $"kind is 'phrase' or 'code', not '{file.Kind}'");
        if (file.Kind == "phrase" && file.Patterns.Count == 0) throw Error("patterns", "a phrase rule needs patterns");
        if (file.Confidence is <= 0 or > 1) throw Error("confidence", "confidence is in (0, 1]");
        if (file.Fix is { Kind: not ("replace" or "remove" or "insert" or "move" or "none") })
            throw Error("fix.kind", $"fix kind is replace, remove, insert, move or none, not '{file.Fix.Kind}'");
        return new RuleDescriptor(file.Id, file.Title, file.Message, family, severity, file.Enabled, file.Description);
    }
}
