using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReplyLint.Server.Tests;

/// <summary>The JSON routes, over HTTP/1.1 on the JSON endpoint, as curl or a browser extension would call them.</summary>
[Collection(ServerCollection.Name)]
public sealed class JsonTranscodingTests(ServerFixture fixture)
{
    private HttpClient CreateClient() => new() { BaseAddress = fixture.Server.HttpAddress, DefaultRequestVersion = HttpVersion.Version11 };

    [Fact]
    public async Task Post_analyze_returns_the_analysis_as_json()
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/v1/replies:analyze", new
        {
            text = Replies.Bad,
            requestId = "json-1",
            options = new { disabledRules = new[] { "RL3001" }, severityOverrides = new Dictionary<string, string> { ["RL1003"] = "SEVERITY_ERROR" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("json-1", root.GetProperty("requestId").GetString());
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        var rl1003 = diagnostics.First(d => d.GetProperty("ruleId").GetString() == "RL1003");
        Assert.Equal("SEVERITY_ERROR", rl1003.GetProperty("severity").GetString());
        Assert.Equal("RULE_FAMILY_DEFENSIVENESS", rl1003.GetProperty("family").GetString());
        Assert.True(rl1003.GetProperty("span").GetProperty("length").GetInt32() > 0);
        Assert.Equal(4, root.GetProperty("familyScores").GetArrayLength());
    }

    [Fact]
    public async Task Empty_text_is_400_with_the_bad_request_detail()
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/v1/replies:analyze", new { text = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, json.RootElement.GetProperty("code").GetInt32());
        var detail = Assert.Single(json.RootElement.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        Assert.Equal("text", detail.GetProperty("fieldViolations")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Text_over_the_limit_is_429_resource_exhausted()
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/v1/replies:analyze", new { text = Replies.OfLength(70_000) });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(8, json.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Megabytes_of_json_are_refused_with_400_and_a_clear_message()
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/v1/replies:analyze", new { text = Replies.OfLength(2 * 1024 * 1024) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too large", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Apply_fixes_rules_and_ping_have_routes()
    {
        using var http = CreateClient();
        using var fixes = await http.PostAsJsonAsync("/v1/replies:applyFixes", new { text = Replies.Bad, all = true });
        Assert.Equal(HttpStatusCode.OK, fixes.StatusCode);
        using (var json = JsonDocument.Parse(await fixes.Content.ReadAsStringAsync()))
            Assert.NotEqual(Replies.Bad, json.RootElement.GetProperty("text").GetString());

        using var rules = await http.GetAsync("/v1/rules");
        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        using (var json = JsonDocument.Parse(await rules.Content.ReadAsStringAsync()))
            Assert.True(json.RootElement.GetProperty("rules").GetArrayLength() > 10);

        using var ping = await http.GetAsync("/v1/ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        using var http = CreateClient();
        using var response = await http.PostAsync("/v1/replies:analyze", new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\": \"You are wrong \\ud800 about it\"}", "text", "unpaired surrogate at character 14")]
    [InlineData("{\"text\": \"Fine\", \"customerMessage\": \"x\\udc00\"}", "customerMessage", "unpaired surrogate at character 1")]
    [InlineData("{\"text\": 5}", "text", "must be a string, got a number")]
    [InlineData("{\"text\": \"hi\", \"options\": {\"minimumConfidence\": \"x\"}}", "options.minimumConfidence", "must be a number")]
    [InlineData("[1, 2]", "body", "must be a JSON object")]
    public async Task A_body_json_transcoding_cannot_map_is_400_naming_the_field(string body, string field, string description)
    {
        using var http = CreateClient();
        using var response = await http.PostAsync("/v1/replies:analyze", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, json.RootElement.GetProperty("code").GetInt32());
        var violation = Assert.Single(json.RootElement.GetProperty("details").EnumerateArray()).GetProperty("fieldViolations")[0];
        Assert.Equal(field, violation.GetProperty("field").GetString());
        Assert.Contains(description, violation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_bytes_or_bad_json_are_400_without_quoting_the_body()
    {
        using var http = CreateClient();
        using var badBytes = new ByteArrayContent([.. "{\"text\":\"ab"u8, 0xFF, 0xFE, .. " cd\"}"u8]);
        badBytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var bytesResponse = await http.PostAsync("/v1/replies:analyze", badBytes);
        Assert.Equal(HttpStatusCode.BadRequest, bytesResponse.StatusCode);

        using var response = await http.PostAsync("/v1/replies:analyze",
            new StringContent("{\"text\": nobody told me my card 4111 was charged}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("not valid JSON (line 1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_surrogate_pair_passes_the_check()
    {
        using var http = CreateClient();
        using var response = await http.PostAsync("/v1/replies:analyze",
            new StringContent("{\"text\": \"You are wrong \\ud83d\\ude00\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
