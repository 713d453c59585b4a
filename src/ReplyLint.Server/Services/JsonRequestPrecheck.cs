using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

namespace ReplyLint.Server.Services;

/// <summary>
/// Checks a JSON route's body before JSON transcoding parses it. Transcoding answers a body it cannot map with one
/// generic line ("Request JSON payload is not correctly formatted.") and no details; this says which field is wrong
/// and why, as the gRPC route does: a string field given a number, or an escaped lone surrogate ("\ud800", which no
/// UTF-16 text can carry), named with its character offset. Never quotes the text itself.
/// </summary>
internal static class JsonRequestPrecheck
{
    private static readonly string[] StringFields = ["text", "customerMessage", "customer_message", "requestId", "request_id"];
    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments("/v1")
            || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true
            || !DeclaresUtf8OrNothing(request.ContentType))
        {
            // Another charset (transcoding honours it) is left to transcoding, which reads it correctly.
            await next();
            return;
        }
        request.EnableBuffering();
        var violations = new Violations();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            Check(document.RootElement, violations);
        }
        catch (JsonException e)
        {
            // The parser's own message can quote the body ("'nobody told me…' is an invalid JSON literal"): only the place.
            violations.Invalid("body", $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }
        catch (InvalidOperationException)
        {
            violations.Invalid("body", "a string is not valid UTF-8");
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // Too large: Kestrel's own answer ("Request body too large") is the documented one.
            if (request.Body.CanSeek) request.Body.Position = 0;
            await next();
            return;
        }
        if (!violations.Any)
        {
            request.Body.Position = 0;
            await next();
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Formatter.Format(violations.ToStatus()), context.RequestAborted);
    }

    private static bool DeclaresUtf8OrNothing(string contentType) =>
        !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        || mediaType.Charset.Length == 0
        || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static void Check(JsonElement root, Violations violations)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            violations.Invalid("body", $"must be a JSON object, got {Describe(root.ValueKind)}");
            return;
        }
        foreach (var name in StringFields)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (value.ValueKind != JsonValueKind.String)
                violations.Invalid(name, $"must be a string, got {Describe(value.ValueKind)}");
            else if (UnpairedSurrogateOffset(value.GetRawText()) is { } offset)
                violations.Invalid(name, $"contains an unpaired surrogate at character {offset} (not valid UTF-16 text)");
        }
        if (root.TryGetProperty("options", out var options) && options.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            violations.Invalid("options", $"must be an object, got {Describe(options.ValueKind)}");
        else if (options.ValueKind == JsonValueKind.Object)
            foreach (var name in new[] { "minimumConfidence", "minimum_confidence" })
                if (options.TryGetProperty(name, out var confidence) && confidence.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                    violations.Invalid($"options.{name}", $"must be a number from 0 to 1, got {Describe(confidence.ValueKind)}");
    }

    /// <summary>The UTF-16 offset of the first escaped lone surrogate in a raw JSON string literal, if any.</summary>
    internal static int? UnpairedSurrogateOffset(string rawLiteral)
    {
        var offset = 0;
        char? pendingHigh = null;
        var pendingAt = 0;
        for (var i = 1; i < rawLiteral.Length - 1; i++)
        {
            char c;
            if (rawLiteral[i] == '\\')
            {
                var kind = rawLiteral[++i];
                if (kind == 'u' && i + 4 < rawLiteral.Length)
                {
                    c = (char)Convert.ToInt32(rawLiteral.Substring(i + 1, 4), 16);
                    i += 4;
                }
                else c = kind;
            }
            else c = rawLiteral[i];
            if (pendingHigh is not null && !char.IsLowSurrogate(c)) return pendingAt;
            if (char.IsHighSurrogate(c)) { pendingHigh = c; pendingAt = offset; }
            else if (char.IsLowSurrogate(c) && pendingHigh is null) return offset;
            else pendingHigh = null;
            offset++;
        }
        return pendingHigh is not null ? pendingAt : null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        _ => "null",
    };
}
