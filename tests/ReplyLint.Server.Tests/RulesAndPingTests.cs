using ReplyLint.Core.Catalog;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class RulesAndPingTests(ServerFixture fixture)
{
    private readonly ReplyLinter.ReplyLinterClient _client = fixture.Client;

    [Fact]
    public async Task ListRules_describes_every_rule_of_the_catalog()
    {
        var response = await _client.ListRulesAsync(new ListRulesRequest());

        Assert.Equal(RuleCatalog.Default.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), response.Rules.Select(r => r.Id));
        foreach (var rule in response.Rules)
        {
            var descriptor = RuleCatalog.Default.Find(rule.Id)!;
            Assert.Equal(descriptor.Title, rule.Title);
            Assert.Equal(descriptor.IsEnabledByDefault, rule.EnabledByDefault);
            Assert.Equal((int)descriptor.Family, (int)rule.Family);
            Assert.NotEqual(Severity.Unspecified, rule.DefaultSeverity);
            Assert.NotEqual(Severity.Unspecified, rule.EffectiveSeverity);
            Assert.Equal($"docs/rules/{rule.Id}.md", rule.HelpLink);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
        }
    }

    [Fact]
    public async Task Ping_answers()
    {
        Assert.NotNull(await _client.PingAsync(new PingRequest()));
    }
}
