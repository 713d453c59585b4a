using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>A server whose model file is corrupt: it still serves, rules only, and says so.</summary>
public sealed class DegradedServerFixture : IAsyncLifetime
{
    private string _modelPath = "";

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _modelPath = Path.Combine(Path.GetTempPath(), $"replylint-corrupt-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(_modelPath, "this is not a model");
        Server = await ServerProcess.StartAsync($"--ReplyLintServer:ModelPath={_modelPath}");
        await Server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_modelPath);
    }
}

public sealed class DegradedModelTests(DegradedServerFixture fixture) : IClassFixture<DegradedServerFixture>
{
    [Fact]
    public async Task Overall_health_is_serving_and_the_model_service_is_not_serving()
    {
        var client = new Health.HealthClient(fixture.Server.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await client.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing,
            (await client.CheckAsync(new HealthCheckRequest { Service = "replylint.model" })).Status);
    }

    [Fact]
    public async Task Answers_come_from_the_rules_and_say_they_are_degraded()
    {
        var client = new ReplyLinter.ReplyLinterClient(fixture.Server.Channel);
        var response = await client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });

        Assert.True(response.Degraded);
        Assert.NotEmpty(response.DegradedReason);
        Assert.Empty(response.ModelVersion);
        Assert.Contains(response.Diagnostics, d => d.RuleId == "RL1003");
        Assert.All(response.Diagnostics, d => Assert.Equal(FindingSource.Rule, d.Source));

        var rules = await client.ListRulesAsync(new ListRulesRequest());
        Assert.True(rules.Degraded);
    }

    [Fact]
    public void The_server_logs_why_it_is_degraded()
    {
        Assert.Contains("degraded", fixture.Server.Output, StringComparison.OrdinalIgnoreCase);
    }
}
