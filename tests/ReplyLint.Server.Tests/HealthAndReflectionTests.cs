using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace ReplyLint.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class HealthAndReflectionTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("replylint.v1.ReplyLinter")]
    [InlineData("replylint.model")]
    public async Task Health_is_serving_with_the_shipped_model(string service)
    {
        var client = new Health.HealthClient(fixture.Server.Channel);
        var response = await client.CheckAsync(new HealthCheckRequest { Service = service });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task The_shipped_model_scores_the_replies()
    {
        var response = await fixture.Client.AnalyzeAsync(new Protocol.V1.AnalyzeRequest { Text = Replies.Bad });
        Assert.False(response.Degraded, response.DegradedReason);
        Assert.NotEmpty(response.ModelVersion);
    }

    [Fact]
    public async Task Health_of_an_unknown_service_is_not_found()
    {
        var client = new Health.HealthClient(fixture.Server.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Reflection_lists_the_services_and_describes_the_contract()
    {
        var client = new ServerReflection.ServerReflectionClient(fixture.Server.Channel);
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("replylint.v1.ReplyLinter", services);
        Assert.Contains("grpc.health.v1.Health", services);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "replylint.v1.ReplyLinter" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        var contract = Assert.Single(files, f => f.Package == "replylint.v1");
        var service = Assert.Single(contract.Service);
        Assert.Equal(["Analyze", "AnalyzeStream", "ApplyFixes", "ListRules", "Ping"], service.Method.Select(m => m.Name).Order());

        await call.RequestStream.CompleteAsync();
    }
}
