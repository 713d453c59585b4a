namespace ReplyLint.Server.Hosting;

/// <summary>
/// The server's own settings (section "ReplyLintServer"): where the model is and how much one caller may ask
/// for. The rules' configuration is the separate "ReplyLintOptions" section, shared with the CLI's replylint.json.
/// </summary>
public sealed class ReplyLintServerOptions
{
    public const string SectionName = "ReplyLintServer";

    /// <summary>The tone model file; empty: the shipped models/replylint.zip.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Serve rules only, without loading a model (the answers say degraded).</summary>
    public bool DisableModel { get; set; }

    /// <summary>Longest reply (and customer message) in UTF-16 code units; longer is RESOURCE_EXHAUSTED.</summary>
    public int MaxTextLength { get; set; } = 64 * 1024;

    /// <summary>Largest gRPC message the server accepts, in bytes (a reply of MaxTextLength in 3-byte UTF-8,
    /// plus its customer message, fits). Larger messages are refused by gRPC with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Most requests one AnalyzeStream call may carry; the call ends RESOURCE_EXHAUSTED after that many.</summary>
    public int MaxStreamRequests { get; set; } = 100_000;

    /// <summary>How many stream requests are read ahead and linted in parallel; 0: the number of cores.</summary>
    public int StreamWindow { get; set; }

    /// <summary>Longest request_id; ids are logged, so they are kept short.</summary>
    public int MaxRequestIdLength { get; set; } = 128;

    /// <summary>How long a shutdown waits for in-flight calls before it cuts them off.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many replies are linted at the same moment, across all calls; 0: the number of cores.
    /// Calls beyond it wait in line (linting is CPU-bound, so more at once only slows each one).</summary>
    public int MaxConcurrentAnalyses { get; set; }

    /// <summary>What is wrong with these settings, as "Key: problem" lines; empty when they can serve.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxTextLength < 1) problems.Add($"MaxTextLength: {MaxTextLength} must be at least 1");
        if (MaxReceiveMessageBytes < 1024) problems.Add($"MaxReceiveMessageBytes: {MaxReceiveMessageBytes} must be at least 1024");
        if (MaxStreamRequests < 1) problems.Add($"MaxStreamRequests: {MaxStreamRequests} must be at least 1");
        if (StreamWindow < 0) problems.Add($"StreamWindow: {StreamWindow} cannot be negative (0 means the number of cores)");
        if (MaxRequestIdLength < 1) problems.Add($"MaxRequestIdLength: {MaxRequestIdLength} must be at least 1");
        if (MaxConcurrentAnalyses < 0) problems.Add($"MaxConcurrentAnalyses: {MaxConcurrentAnalyses} cannot be negative (0 means the number of cores)");
        if (ShutdownTimeout < TimeSpan.Zero) problems.Add($"ShutdownTimeout: {ShutdownTimeout} cannot be negative");
        return problems;
    }

    internal int EffectiveMaxConcurrentAnalyses => MaxConcurrentAnalyses > 0 ? MaxConcurrentAnalyses : Environment.ProcessorCount;

    internal int EffectiveStreamWindow => StreamWindow > 0 ? StreamWindow : Math.Max(2, Environment.ProcessorCount);
}
