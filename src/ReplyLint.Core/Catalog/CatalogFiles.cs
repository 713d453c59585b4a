using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyLint.Core.Catalog;

// The shapes of data/rules/*.json. Documented for authors in data/rules/README.md.

internal sealed class RuleFile
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Message { get; set; } = "";
    public string Family { get; set; } = "";
    public string Severity { get; set; } = "warning";
    public bool Enabled { get; set; } = true;
    /// <summary>"phrase" (matched from <see cref="Patterns"/>) or "code" (a C# analyzer; the file holds its descriptor and examples).</summary>
    public string Kind { get; set; } = "phrase";
    public double Confidence { get; set; } = 0.9;
    public string? Description { get; set; }
    public List<PatternEntry> Patterns { get; set; } = [];
    /// <summary>Patterns or @sets: the finding is dropped when the same sentence has one of them.</summary>
    public List<string> UnlessSentence { get; set; } = [];
    /// <summary>Patterns or @sets: the finding is dropped when the reply has one of them anywhere.</summary>
    public List<string> UnlessReply { get; set; } = [];
    /// <summary>The finding is dropped when an acknowledgement comes before it (LABELLING: facts after empathy are fine).</summary>
    public bool UnlessAcknowledgedBefore { get; set; }
    /// <summary>The finding is dropped when the term is explained in brackets right after it: "SLA (our response-time promise)".</summary>
    public bool UnlessGlossed { get; set; }
    /// <summary>The finding is dropped when "not"/"never"/"no" stands just before it ("it's not that you're wrong").</summary>
    public bool UnlessNegated { get; set; } = true;
    /// <summary>The finding is dropped when the sentence is a question ("did you restart it?" is asking, not lecturing).</summary>
    public bool UnlessQuestion { get; set; }
    /// <summary>The finding is dropped when the customer's message is given and reports no problem: defending the
    /// company's record or a policy is defensive against a complaint, not in answer to a neutral question.</summary>
    public bool OnlyAgainstComplaint { get; set; }
    public FixFile? Fix { get; set; }
    public ExamplesFile Examples { get; set; } = new();
}

[JsonConverter(typeof(PatternEntryConverter))]
internal sealed class PatternEntry
{
    public string Pattern { get; set; } = "";
    public List<string> Replacements { get; set; } = [];
}

internal sealed class FixFile
{
    /// <summary>"replace" (with the entry's or the rule's replacements), "remove", "insert" (code rules) or "none".</summary>
    public string Kind { get; set; } = "none";
    public string Title { get; set; } = "";
    public List<string> Replacements { get; set; } = [];
    /// <summary>For "none": why no rewrite can be offered.</summary>
    public string? Reason { get; set; }
}

internal sealed class ExamplesFile
{
    /// <summary>Markup texts: <c>{|RL1001:flagged|}</c> or <c>[|flagged|]</c> for this rule.</summary>
    public List<ExampleText> Positive { get; set; } = [];
    /// <summary>Near misses that must not be flagged by this rule.</summary>
    public List<ExampleText> Negative { get; set; } = [];
    public List<FixExample> Fixes { get; set; } = [];
}

[JsonConverter(typeof(ExampleTextConverter))]
internal sealed class ExampleText
{
    public string Text { get; set; } = "";
    /// <summary>The customer message the reply answers, for reply-level rules.</summary>
    public string? Customer { get; set; }
}

internal sealed class FixExample
{
    public string Before { get; set; } = "";
    public string After { get; set; } = "";
    public string? Customer { get; set; }
}

internal sealed class LexiconsFile
{
    public Dictionary<string, List<string>> Macros { get; set; } = [];
    public Dictionary<string, List<string>> Sets { get; set; } = [];
}

internal sealed class PatternEntryConverter : JsonConverter<PatternEntry>
{
    public override PatternEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new PatternEntry { Pattern = reader.GetString()! };
        var entry = new PatternEntry();
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a pattern is a string or {\"pattern\", \"replacements\"}");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "pattern": entry.Pattern = reader.GetString() ?? ""; break;
                case "replacements": entry.Replacements = JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? []; break;
                default: throw new JsonException($"unknown key '{name}' in a pattern");
            }
        }
        return entry;
    }

    public override void Write(Utf8JsonWriter writer, PatternEntry value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new { pattern = value.Pattern, replacements = value.Replacements }, options);
}

internal sealed class ExampleTextConverter : JsonConverter<ExampleText>
{
    public override ExampleText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ExampleText { Text = reader.GetString()! };
        var example = new ExampleText();
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an example is a string or {\"text\", \"customer\"}");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "text": example.Text = reader.GetString() ?? ""; break;
                case "customer": example.Customer = reader.GetString(); break;
                default: throw new JsonException($"unknown key '{name}' in an example");
            }
        }
        return example;
    }

    public override void Write(Utf8JsonWriter writer, ExampleText value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new { text = value.Text, customer = value.Customer }, options);
}
