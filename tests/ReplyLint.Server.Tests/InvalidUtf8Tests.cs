using Google.Protobuf;
using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>
/// Requests whose bytes are not valid protobuf text, sent as raw bytes through the real gRPC client: a JavaScript
/// string with a lone surrogate ("a\ud800b") reaches the wire from protobufjs as ED A0 80, which is not UTF-8.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class InvalidUtf8Tests(ServerFixture fixture)
{
    private const string Service = "replylint.v1.ReplyLinter";

    /// <summary>"a", a lone high surrogate encoded as if it were a character (ED A0 80), "b".</summary>
    private static readonly byte[] LoneSurrogateText = [(byte)'a', 0xED, 0xA0, 0x80, (byte)'b'];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Fact]
    public async Task Analyze_with_a_string_that_is_not_utf8_is_invalid_argument_naming_the_field_and_byte_offset()
    {
        var request = Message(Text(1, LoneSurrogateText), Text(3, "utf8-1"u8));

        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Channel.CreateCallInvoker()
            .AsyncUnaryCall(RawMethod(MethodType.Unary, "Analyze", AnalyzeResponse.Parser), null, default, request).ResponseAsync);

        var violation = AnalyzeTests.AssertViolation(e, StatusCode.InvalidArgument, "text");
        Assert.Contains("not valid UTF-8", violation.Description, StringComparison.Ordinal);
        Assert.Contains("byte offset 1", violation.Description, StringComparison.Ordinal);
        Assert.Contains("surrogate", violation.Description, StringComparison.Ordinal);
        // The server is fine, and says so for a good request.
        Assert.NotEmpty((await fixture.Client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad })).Diagnostics);
    }

    [Fact]
    public async Task Apply_fixes_names_every_string_that_is_not_utf8_with_its_path()
    {
        var options = Message(Text(1, "RL3001"u8), Text(1, [(byte)'R', (byte)'L', 0xFF]));
        var request = Message(Text(1, "Fine text"u8), Text(2, [.. "abc"u8, 0xC3]), Text(4, options), [0x28, 0x01]);

        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Channel.CreateCallInvoker()
            .AsyncUnaryCall(RawMethod(MethodType.Unary, "ApplyFixes", ApplyFixesResponse.Parser), null, default, request).ResponseAsync);

        var badRequest = AnalyzeTests.AssertBadRequest(e, StatusCode.InvalidArgument);
        Assert.Equal(["customer_message", "options.disabled_rules[1]"], badRequest.FieldViolations.Select(v => v.Field).Order());
        Assert.Contains("byte offset 3", badRequest.FieldViolations.Single(v => v.Field == "customer_message").Description, StringComparison.Ordinal);
        Assert.Contains("byte offset 2", badRequest.FieldViolations.Single(v => v.Field == "options.disabled_rules[1]").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_stream_only_the_request_that_is_not_utf8_fails_and_the_stream_goes_on()
    {
        using var call = fixture.Server.Channel.CreateCallInvoker()
            .AsyncDuplexStreamingCall(RawMethod(MethodType.DuplexStreaming, "AnalyzeStream", AnalyzeStreamResponse.Parser), null, default);
        await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = "s0" }.ToByteArray());
        await call.RequestStream.WriteAsync(Message(Text(1, LoneSurrogateText), Text(3, "s1"u8)));
        await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = "s2" }.ToByteArray());
        await call.RequestStream.CompleteAsync();

        var responses = new List<AnalyzeStreamResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync()) responses.Add(response);

        Assert.Equal(["s0", "s1", "s2"], responses.Select(r => r.RequestId));
        Assert.Equal([0L, 1L, 2L], responses.Select(r => r.Sequence));
        Assert.NotEmpty(responses[0].Response.Diagnostics);
        Assert.NotEmpty(responses[2].Response.Diagnostics);
        Assert.Equal(AnalyzeStreamResponse.OutcomeOneofCase.Error, responses[1].OutcomeCase);
        Assert.Equal((int)StatusCode.InvalidArgument, responses[1].Error.Code);
        var badRequest = responses[1].Error.Details.Single().Unpack<Google.Rpc.BadRequest>();
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("text", violation.Field);
        Assert.Contains("byte offset 1", violation.Description, StringComparison.Ordinal);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static Method<byte[], TResponse> RawMethod<TResponse>(MethodType type, string name, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse> =>
        new(type, Service, name, RawBytes, Marshallers.Create((TResponse response) => response.ToByteArray(), parser.ParseFrom));

    /// <summary>A length-delimited field: tag, length, bytes (all the test's fields are under 128 bytes).</summary>
    private static byte[] Text(int fieldNumber, ReadOnlySpan<byte> value) =>
        [(byte)((fieldNumber << 3) | 2), (byte)value.Length, .. value];

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];
}
