using System.Globalization;
using System.Threading.Channels;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using CoreCodeFix = ReplyLint.Core.Diagnostics.CodeFix;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Text;
using ReplyLint.Protocol.V1;
using ReplyLint.Server.Hosting;
using ReplyLint.Server.Telemetry;
using CoreDiagnostic = ReplyLint.Core.Diagnostics.Diagnostic;

namespace ReplyLint.Server.Services;

/// <summary>
/// The ReplyLinter gRPC service: checks each request, translates it for the engine, and translates the
/// engine's answer back. All linting happens in <see cref="ReplyLintEngine"/>. Bound through
/// <see cref="ReplyLinterBinding"/>, so that a request protobuf cannot read reaches it marked instead of failing the call.
/// </summary>
[BindServiceMethod(typeof(ReplyLinterBinding), nameof(ReplyLinterBinding.BindService))]
internal sealed partial class ReplyLinterService(
    EngineHost engineHost,
    AnalysisGate gate,
    IOptions<ReplyLintServerOptions> serverOptions,
    ServerMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<ReplyLinterService> logger) : ReplyLinter.ReplyLinterBase
{
    private readonly ReplyLintServerOptions _options = serverOptions.Value;

    public override async Task<AnalyzeResponse> Analyze(AnalyzeRequest request, ServerCallContext context)
    {
        var engine = RequireEngine();
        // A bad request is rejected at once, not after waiting its turn for an analysis slot.
        var overrides = ValidateAnalyze(engine, request, out var violations);
        if (violations.Any) throw violations.ToException();
        return await gate.RunAsync(() => AnalyzeValid(engine, request, overrides, context.CancellationToken), context.CancellationToken);
    }

    public override async Task AnalyzeStream(IAsyncStreamReader<AnalyzeRequest> requestStream,
        IServerStreamWriter<AnalyzeStreamResponse> responseStream, ServerCallContext context)
    {
        var engine = RequireEngine();
        var callToken = context.CancellationToken;
        // Stop reading (but finish what was read) when the server is asked to stop.
        using var readToken = CancellationTokenSource.CreateLinkedTokenSource(callToken, lifetime.ApplicationStopping);
        using var windowToken = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        // A small window of requests in flight, answered in order: reading stops when it is full, so HTTP/2
        // flow control holds back a client that sends faster than the engine lints.
        var window = Channel.CreateBounded<Task<AnalyzeStreamResponse>>(
            new BoundedChannelOptions(_options.EffectiveStreamWindow) { SingleReader = true, SingleWriter = true });
        var writer = WriteInOrderAsync(window.Reader, responseStream, windowToken);

        long sequence = 0;
        var overLimit = false;
        var stopping = false;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await requestStream.MoveNext(readToken.Token);
                }
                catch (OperationCanceledException) when (!callToken.IsCancellationRequested && lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    stopping = true;
                    break;
                }
                catch (IOException)
                {
                    // Kestrel reports a client that cancelled its call as a reset request stream, sometimes before
                    // the call's token fires: that is a cancellation, not a server error.
                    throw new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "the client cancelled the stream"));
                }
                if (!more) break;
                if (sequence >= _options.MaxStreamRequests)
                {
                    overLimit = true;
                    break;
                }
                var request = requestStream.Current;
                var position = sequence++;
                await window.Writer.WriteAsync(AnalyzeStreamItemAsync(engine, request, position, callToken), windowToken.Token);
            }
        }
        finally
        {
            window.Writer.TryComplete();
        }
        await writer;
        LogStream(logger, sequence, overLimit, stopping);

        if (overLimit)
        {
            var violations = new Violations();
            violations.TooLarge("requests", string.Create(CultureInfo.InvariantCulture,
                $"one stream carries at most {_options.MaxStreamRequests} requests; the first {sequence} were answered, start a new call for the rest"));
            throw violations.ToException();
        }
        if (stopping)
            throw RpcErrors.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"the server is shutting down; {sequence} requests were answered, resend from sequence {sequence}"));
    }

    public override Task<ApplyFixesResponse> ApplyFixes(ApplyFixesRequest request, ServerCallContext context)
    {
        var engine = RequireEngine();
        var (findOverrides, remainOverrides) = ValidateApplyFixes(engine, request);
        return gate.RunAsync(() => ApplyFixesNow(engine, request, findOverrides, remainOverrides, context), context.CancellationToken);
    }

    /// <summary>Checks the request before it queues for an analysis slot; throws InvalidArgument with every problem.</summary>
    private (AnalysisOverrides Find, AnalysisOverrides Remain) ValidateApplyFixes(ReplyLintEngine engine, ApplyFixesRequest request)
    {
        if (UnreadableRequests.ProblemsOf(request) is { } unreadable)
        {
            LogRejected(logger, SafeId(request.RequestId), 0, unreadable.Count);
            throw unreadable.ToException();
        }
        var validator = new RequestValidator(_options, engine.Catalog);
        var violations = new Violations();
        validator.CheckText(violations, "text", request.Text, required: true);
        validator.CheckText(violations, "customer_message", request.CustomerMessage, required: false);
        validator.CheckRequestId(violations, "request_id", request.RequestId);
        // Fixes are needed to apply them, whatever the options say; the remaining analysis follows the options.
        var findOverrides = validator.ToOverrides(violations, "options", request.Options, forceIncludeFixes: true);
        var remainOverrides = validator.ToOverrides(new Violations(), "options", request.Options);
        if (!request.All && request.Fixes.Count == 0) violations.Invalid("fixes", "name the fixes to apply, or set all");
        for (var i = 0; i < request.Fixes.Count; i++)
        {
            if (request.Fixes[i].Span is null) violations.Invalid($"fixes[{i}].span", "is required");
            if (request.Fixes[i].FixIndex < 0) violations.Invalid($"fixes[{i}].fix_index", "must not be negative");
        }
        if (violations.Any) throw violations.ToException();
        return (findOverrides, remainOverrides);
    }

    private ApplyFixesResponse ApplyFixesNow(ReplyLintEngine engine, ApplyFixesRequest request, AnalysisOverrides findOverrides,
        AnalysisOverrides remainOverrides, ServerCallContext context)
    {
        var customer = NullIfEmpty(request.CustomerMessage);
        var response = new ApplyFixesResponse { RequestId = request.RequestId };
        // `all` is the engine's fix-all, the routine the CLI's `fix` runs: pass after pass until nothing changes.
        response.Text = request.All
            ? FixAll(engine, request.Text, customer, findOverrides, response, context.CancellationToken)
            : ApplySelected(engine, request, customer, findOverrides, response, context.CancellationToken);

        var remaining = engine.Analyze(response.Text, customer, remainOverrides, context.CancellationToken);
        metrics.Linted(remaining);
        response.Remaining = ProtocolMapper.ToProto(remaining, request.RequestId);
        LogFixed(logger, request.RequestId, request.Text.Length, response.Applied.Count, response.Skipped.Count);
        return response;
    }

    private static string FixAll(ReplyLintEngine engine, string text, string? customer, AnalysisOverrides overrides,
        ApplyFixesResponse response, CancellationToken cancellationToken)
    {
        var result = engine.FixAll(text, customer, overrides: overrides, cancellationToken: cancellationToken);
        var first = 0;
        for (var pass = 0; pass < result.AppliedPerPass.Count; first += result.AppliedPerPass[pass], pass++)
        {
            foreach (var (diagnostic, fix) in result.Applied.Skip(first).Take(result.AppliedPerPass[pass]).OrderBy(a => a.Diagnostic.Span.Start))
                response.Applied.Add(ToAppliedFix(diagnostic, fix, pass));
        }
        // Fix-all stops when nothing changes or after its last pass; a finding that still offers a rewrite then was
        // not fixed. Its span is in the returned text (there is no selection to echo).
        var reason = result.AppliedPerPass.Count >= ReplyLintEngine.MaxFixAllPasses
            ? string.Create(CultureInfo.InvariantCulture, $"still overlaps another rewrite after {ReplyLintEngine.MaxFixAllPasses} fix-all passes (span in the returned text)")
            : "its rewrite does not change the text (span in the returned text)";
        foreach (var diagnostic in result.Remaining.Diagnostics.Where(d => d.Fixes.Length > 0))
            response.Skipped.Add(new SkippedFix { Selection = new FixSelection { RuleId = diagnostic.Id, Span = ProtocolMapper.ToProto(diagnostic.Span) }, Reason = reason });
        return result.Text;
    }

    /// <summary>The chosen rewrites, in one pass over the text as sent (the selections name its findings).</summary>
    private string ApplySelected(ReplyLintEngine engine, ApplyFixesRequest request, string? customer, AnalysisOverrides overrides,
        ApplyFixesResponse response, CancellationToken cancellationToken)
    {
        var before = engine.Analyze(request.Text, customer, overrides, cancellationToken);
        metrics.Linted(before);

        var chosen = new List<(CoreDiagnostic Diagnostic, CoreCodeFix Fix, FixSelection Selection)>();
        for (var i = 0; i < request.Fixes.Count; i++)
        {
            var selection = request.Fixes[i];
            var diagnostic = before.Diagnostics.FirstOrDefault(d =>
                string.Equals(d.Id, selection.RuleId, StringComparison.OrdinalIgnoreCase)
                && d.Span.Start == selection.Span.Start && d.Span.Length == selection.Span.Length);
            if (diagnostic is null) response.Skipped.Add(new SkippedFix { Selection = selection, Reason = "no finding with this rule id and span" });
            else if (selection.FixIndex >= diagnostic.Fixes.Length) response.Skipped.Add(new SkippedFix { Selection = selection, Reason = "fix_index out of range" });
            else if (chosen.FindIndex(c => ReferenceEquals(c.Diagnostic, diagnostic) && c.Selection.FixIndex == selection.FixIndex) is var earlier and >= 0)
            {
                response.Skipped.Add(new SkippedFix
                {
                    Selection = selection,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"duplicate of an earlier selection (fixes[{request.Fixes.IndexOf(chosen[earlier].Selection)}])"),
                });
            }
            else chosen.Add((diagnostic, diagnostic.Fixes[selection.FixIndex], selection));
        }

        var rewritten = CodeFixes.Apply(new ReplyText(request.Text), chosen.Select(c => (c.Diagnostic, c.Fix)), out var applied);
        foreach (var (diagnostic, fix, selection) in chosen)
        {
            if (applied.Any(a => ReferenceEquals(a.Diagnostic, diagnostic) && ReferenceEquals(a.Fix, fix))) continue;
            response.Skipped.Add(new SkippedFix { Selection = selection, Reason = "overlaps a rewrite already applied" });
        }
        foreach (var (diagnostic, fix) in applied.OrderBy(a => a.Diagnostic.Span.Start)) response.Applied.Add(ToAppliedFix(diagnostic, fix, pass: 0));
        return rewritten.Text;
    }

    private static AppliedFix ToAppliedFix(CoreDiagnostic diagnostic, CoreCodeFix fix, int pass)
    {
        var message = new AppliedFix { RuleId = diagnostic.Id, Span = ProtocolMapper.ToProto(diagnostic.Span), Title = fix.Title, Pass = pass };
        foreach (var edit in fix.Edits) message.Edits.Add(ProtocolMapper.ToProto(edit));
        return message;
    }

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var engine = RequireEngine();
        var response = new ListRulesResponse
        {
            ModelVersion = engine.ModelStatus.Version ?? "",
            Degraded = engine.IsDegraded || !engine.ModelStatus.IsLoaded,
        };
        foreach (var rule in engine.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
            response.Rules.Add(ProtocolMapper.ToProto(rule, engine.EffectiveSeverity(rule.Id)));
        return Task.FromResult(response);
    }

    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Task.FromResult(new PingResponse());

    private AnalysisOverrides ValidateAnalyze(ReplyLintEngine engine, AnalyzeRequest request, out Violations violations)
    {
        if (UnreadableRequests.ProblemsOf(request) is { } unreadable)
        {
            violations = unreadable;
            LogRejected(logger, SafeId(request.RequestId), 0, violations.Count);
            return AnalysisOverrides.None;
        }
        var validator = new RequestValidator(_options, engine.Catalog);
        violations = new Violations();
        validator.CheckText(violations, "text", request.Text, required: true);
        validator.CheckText(violations, "customer_message", request.CustomerMessage, required: false);
        validator.CheckRequestId(violations, "request_id", request.RequestId);
        var overrides = validator.ToOverrides(violations, "options", request.Options);
        if (violations.Any) LogRejected(logger, SafeId(request.RequestId), request.Text.Length, violations.Count);
        return overrides;
    }

    private AnalyzeResponse AnalyzeValid(ReplyLintEngine engine, AnalyzeRequest request, AnalysisOverrides overrides, CancellationToken cancellationToken)
    {
        var result = engine.Analyze(request.Text, NullIfEmpty(request.CustomerMessage), overrides, cancellationToken);
        metrics.Linted(result);
        LogAnalyzed(logger, request.RequestId, request.Text.Length, result.Diagnostics.Length, result.IsDegraded);
        return ProtocolMapper.ToProto(result, request.RequestId);
    }

    private Task<AnalyzeStreamResponse> AnalyzeStreamItemAsync(ReplyLintEngine engine, AnalyzeRequest request, long sequence, CancellationToken cancellationToken)
    {
        var response = new AnalyzeStreamResponse { RequestId = request.RequestId, Sequence = sequence };
        var overrides = ValidateAnalyze(engine, request, out var violations);
        if (violations.Any)
        {
            response.Error = violations.ToStatus();
            return Task.FromResult(response);
        }
        // Off the reading loop (a free slot would otherwise lint inline and hold up reading the next request).
        return Task.Run(() => gate.RunAsync(() =>
        {
            response.Response = AnalyzeValid(engine, request, overrides, cancellationToken);
            return response;
        }, cancellationToken), cancellationToken);
    }

    private static async Task WriteInOrderAsync(ChannelReader<Task<AnalyzeStreamResponse>> window,
        IServerStreamWriter<AnalyzeStreamResponse> responseStream, CancellationTokenSource windowToken)
    {
        try
        {
            await foreach (var pending in window.ReadAllAsync(windowToken.Token))
                await responseStream.WriteAsync(await pending, windowToken.Token);
        }
        catch
        {
            // Unblock the reader, which may be waiting for room in the window.
            await windowToken.CancelAsync();
            throw;
        }
    }

    private ReplyLintEngine RequireEngine() =>
        engineHost.Engine ?? throw RpcErrors.Unavailable("the server is starting (loading the tone model); retry shortly");

    // A request id that failed its check is not written to the logs.
    private string SafeId(string requestId) =>
        requestId.Length <= _options.MaxRequestIdLength && !requestId.Any(char.IsControl) ? requestId : "(invalid id)";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analyzed request {RequestId}: {Length} chars, {Findings} findings, degraded {Degraded}")]
    private static partial void LogAnalyzed(ILogger logger, string requestId, int length, int findings, bool degraded);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected request {RequestId}: {Length} chars, {Problems} problems")]
    private static partial void LogRejected(ILogger logger, string requestId, int length, int problems);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied fixes for request {RequestId}: {Length} chars, {Applied} applied, {Skipped} skipped")]
    private static partial void LogFixed(ILogger logger, string requestId, int length, int applied, int skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream ended after {Requests} requests (over the limit: {OverLimit}, stopped by shutdown: {Stopping})")]
    private static partial void LogStream(ILogger logger, long requests, bool overLimit, bool stopping);
}
