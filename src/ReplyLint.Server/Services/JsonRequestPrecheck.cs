using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReplyLint.Protocol.V1;
using ReplyLint.Server.Hosting;

namespace ReplyLint.Server.Services;

/// <summary>
/// Checks a JSON route's request before JSON transcoding reads it. Transcoding answers what it cannot map with one
/// line and no details ("Request JSON payload is not correctly formatted.", or a .NET type name), an unknown charset
/// with HTTP 500, and logs each with a stack trace. This answers instead, the way the gRPC route does: a
/// google.rpc.BadRequest violation per problem, with the field's proto path (<c>customer_message</c>,
/// <c>options.disabled_rules[1]</c>) as the service's own checks name it. The checks follow the request message's
/// descriptor: a value of the wrong JSON type, an enum name that does not exist, a field given twice (under either of
/// its names), an escaped lone surrogate ("\ud800", which no UTF-16 text can carry) or bytes that are not UTF-8, with
/// their offset. A body in another charset, or not JSON, is 415. Never quotes the text itself.
/// </summary>
internal sealed partial class JsonRequestPrecheck(RequestDelegate next, IOptions<ReplyLintServerOptions> options, ILogger<JsonRequestPrecheck> logger)
{
    /// <summary>The POST routes whose body is the whole request message, from the contract's google.api.http rules.</summary>
    private static readonly FrozenDictionary<string, MessageDescriptor> Routes = ReplyLinter.Descriptor.Methods
        .Select(method => (Rule: method.GetOptions()?.GetExtension(AnnotationsExtensions.Http), method.InputType))
        .Where(route => route.Rule is { PatternCase: HttpRule.PatternOneofCase.Post, Body: "*" })
        .ToFrozenDictionary(route => route.Rule!.Post, route => route.InputType, StringComparer.OrdinalIgnoreCase);

    // Default values too, so that the answers look like transcoding's own ("details": [], "reason": "").
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)).WithFormatDefaultValues(true));

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Routing also serves a route with a trailing slash: check that path too, or it reaches transcoding unchecked.
        if (!HttpMethods.IsPost(request.Method) || !Routes.TryGetValue((request.Path.Value ?? "").TrimEnd('/'), out var descriptor))
        {
            await next(context);
            return;
        }
        if (ContentTypeProblem(request) is { } problem)
        {
            LogRefused(logger, request.Path, problem);
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = problem });
            return;
        }

        request.EnableBuffering();
        var violations = new Violations();
        byte[]? rewritten = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            var check = new BodyCheck(violations);
            check.Message(document.RootElement, descriptor, "");
            // Proto3 JSON reads null as "not set"; transcoding refuses it for a list or map. Leave such fields out.
            if (!violations.Any && check.HasNullLists) rewritten = WithoutNullLists(document.RootElement, descriptor);
        }
        catch (JsonException e)
        {
            // The parser's own message can quote the body ("'nobody told me…' is an invalid JSON literal"): only the place.
            violations.Invalid("body", string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})"));
        }
        catch (InvalidOperationException)
        {
            violations.Invalid("body", "a string is not valid UTF-8");
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // Kestrel's body limit (or a body cut short). Answered here so that transcoding, which would log the
            // exception with its stack at Information for every such request, never reads it.
            var reason = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? string.Create(CultureInfo.InvariantCulture, $"body over the {options.Value.MaxReceiveMessageBytes}-byte limit")
                : "the body could not be read";
            LogRefused(logger, request.Path, reason);
            await WriteAsync(context, StatusCodes.Status400BadRequest, new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = e.Message });
            return;
        }
        if (violations.Any)
        {
            LogRefused(logger, request.Path, string.Create(CultureInfo.InvariantCulture, $"{violations.Count} problems in the JSON body"));
            await WriteAsync(context, StatusCodes.Status400BadRequest, violations.ToStatus());
            return;
        }
        if (rewritten is not null)
        {
            request.Body = new MemoryStream(rewritten, writable: false);
            request.ContentLength = rewritten.Length;
        }
        else request.Body.Position = 0;
        await next(context);
    }

    /// <summary>Null when the request is JSON that transcoding reads as UTF-8 (the header is normalised for a UTF-8
    /// alias such as "utf8" or a quoted "UTF-8", which transcoding would fail on with HTTP 500); otherwise why not.</summary>
    private static string? ContentTypeProblem(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            return string.IsNullOrWhiteSpace(request.ContentType)
                ? "no Content-Type: send application/json, in UTF-8"
                : $"Content-Type '{RequestValidator.Printable(request.ContentType)}' is not JSON: send application/json, in UTF-8";
        if (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return null;
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString();
        if (!IsUtf8(charset))
            return $"charset '{RequestValidator.Printable(charset)}' is not supported: the JSON routes read UTF-8 only (charset=utf-8, or no charset)";
        mediaType.Charset = "utf-8";
        request.ContentType = mediaType.ToString();
        return null;
    }

    private static bool IsUtf8(string charset)
    {
        if (charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            return Encoding.GetEncoding(charset).CodePage == Encoding.UTF8.CodePage;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, Google.Rpc.Status status)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Formatter.Format(status), context.RequestAborted);
    }

    /// <summary>The body again, without the list and map fields that are null.</summary>
    private static byte[] WithoutNullLists(JsonElement root, MessageDescriptor descriptor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Copy(root, descriptor, writer);
        return buffer.ToArray();

        static void Copy(JsonElement message, MessageDescriptor descriptor, Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var property in message.EnumerateObject())
            {
                var field = BodyCheck.FindField(descriptor, property.Name);
                if (field is { IsRepeated: true } && property.Value.ValueKind == JsonValueKind.Null) continue;
                if (field is { FieldType: FieldType.Message, IsMap: false } && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    writer.WritePropertyName(property.Name);
                    if (property.Value.ValueKind == JsonValueKind.Object) Copy(property.Value, field.MessageType, writer);
                    else
                    {
                        writer.WriteStartArray();
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (item.ValueKind == JsonValueKind.Object) Copy(item, field.MessageType, writer);
                            else item.WriteTo(writer);
                        }
                        writer.WriteEndArray();
                    }
                }
                else property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "JSON request to {Route} refused before transcoding: {Reason}")]
    private static partial void LogRefused(ILogger logger, string route, string reason);

    /// <summary>Walks a JSON body along a message descriptor, as JSON transcoding will read it.</summary>
    private sealed class BodyCheck(Violations violations)
    {
        /// <summary>Whether a list or map field is null (valid proto3 JSON for "not set", which transcoding refuses).</summary>
        public bool HasNullLists { get; private set; }

        public static FieldDescriptor? FindField(MessageDescriptor descriptor, string name) =>
            descriptor.FindFieldByName(name) ?? descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

        public void Message(JsonElement element, MessageDescriptor descriptor, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                if (path.Length == 0) violations.Invalid("body", $"must be a JSON object, got {Describe(element.ValueKind)}");
                else violations.Invalid(path, $"must be an object, got {Describe(element.ValueKind)}");
                return;
            }
            // Grouped first, so that a field given twice is reported as that and not also for what one copy holds.
            // "customer_message" and "customerMessage" are the same field: transcoding would keep whichever came last.
            var fields = new List<(FieldDescriptor Field, List<(string Name, JsonElement Value)> Values)>();
            foreach (var property in element.EnumerateObject())
            {
                if (NameOf(property, path) is not { } name || FindField(descriptor, name) is not { } field) continue; // unknown fields are ignored
                var group = fields.FindIndex(f => f.Field.FieldNumber == field.FieldNumber);
                if (group >= 0) fields[group].Values.Add((name, property.Value));
                else fields.Add((field, [(name, property.Value)]));
            }
            foreach (var (field, values) in fields)
            {
                var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
                if (values.Count > 1)
                {
                    violations.Invalid(fieldPath, $"is given more than once (as {string.Join(", ", values.Select(v => $"'{v.Name}'"))}); send it once");
                    continue;
                }
                var value = values[0].Value;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    HasNullLists |= field.IsRepeated;
                    continue;
                }
                if (field.IsMap) Map(value, field, fieldPath);
                else if (field.IsRepeated) List(value, field, fieldPath);
                else Value(value, field, fieldPath);
            }
        }

        private void Map(JsonElement element, FieldDescriptor field, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                violations.Invalid(path, $"must be an object, got {Describe(element.ValueKind)}");
                return;
            }
            var valueField = field.MessageType.FindFieldByNumber(2);
            var entries = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (NameOf(property, path) is not { } key) continue;
                if (entries.TryGetValue(key, out var values)) values.Add(property.Value);
                else entries[key] = [property.Value];
            }
            foreach (var (key, values) in entries)
            {
                var entryPath = $"{path}[{RequestValidator.Printable(key)}]";
                if (values.Count > 1) violations.Invalid(entryPath, "is given more than once; send each key once");
                // A null value is read as the default, which the service then judges (an unspecified severity).
                else if (values[0].ValueKind != JsonValueKind.Null) Value(values[0], valueField, entryPath);
            }
        }

        private void List(JsonElement element, FieldDescriptor field, string path)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                violations.Invalid(path, $"must be an array, got {Describe(element.ValueKind)}");
                return;
            }
            var index = 0;
            foreach (var item in element.EnumerateArray())
                Value(item, field, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"));
        }

        private void Value(JsonElement value, FieldDescriptor field, string path)
        {
            var kind = value.ValueKind;
            switch (field.FieldType)
            {
                case FieldType.String:
                    if (kind != JsonValueKind.String) violations.Invalid(path, $"must be a string, got {Describe(kind)}");
                    else CheckString(value, path);
                    break;
                case FieldType.Bool:
                    if (kind is not (JsonValueKind.True or JsonValueKind.False)) violations.Invalid(path, $"must be true or false, got {Describe(kind)}");
                    break;
                case FieldType.Double or FieldType.Float:
                    // Proto3 JSON also allows these three strings; transcoding reads them.
                    if (kind != JsonValueKind.Number
                        && !(kind == JsonValueKind.String && (value.ValueEquals("NaN") || value.ValueEquals("Infinity") || value.ValueEquals("-Infinity"))))
                        violations.Invalid(path, $"must be a number, got {Describe(kind)}");
                    break;
                case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                    if (kind != JsonValueKind.Number || !value.TryGetInt32(out _))
                        violations.Invalid(path, $"must be a whole number from {int.MinValue} to {int.MaxValue}, got {DescribeNumber(value)}");
                    break;
                case FieldType.Enum:
                    if (kind == JsonValueKind.Number && value.TryGetInt32(out _)) break;
                    var name = kind == JsonValueKind.String ? StringOrNull(value) : null;
                    if (name is not null && field.EnumType.FindValueByName(name) is not null) break;
                    var names = string.Join(", ", field.EnumType.Values.Select(v => v.Name));
                    violations.Invalid(path, kind == JsonValueKind.String
                        ? $"unknown value '{RequestValidator.Printable(name ?? "?")}'; expected one of {names}"
                        : $"must be one of {names} (or its number), got {DescribeNumber(value)}");
                    break;
                case FieldType.Message:
                    Message(value, field.MessageType, path);
                    break;
            }
        }

        /// <summary>Bytes that are not UTF-8, or an escaped lone surrogate: where, in the service's own words.</summary>
        private void CheckString(JsonElement value, string path)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value); // the literal as sent, quotes and escapes included
            if (Classifier.Data.Utf8Bytes.FirstInvalid(raw) is { } bad)
            {
                // raw starts with the opening quote: the offset in the string is one less.
                violations.Invalid(path, string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8: an invalid byte sequence at byte offset {bad.Offset - 1} of the string as sent"));
                return;
            }
            if (UnpairedSurrogateOffset(Encoding.UTF8.GetString(raw)) is { } offset)
                violations.Invalid(path, RequestValidator.Contains(RequestValidator.UnpairedSurrogate, offset));
        }

        private string? NameOf(JsonProperty property, string path)
        {
            try
            {
                return property.Name;
            }
            catch (InvalidOperationException)
            {
                violations.Invalid(path.Length == 0 ? "body" : path, "has a property name that is not valid UTF-8 or UTF-16");
                return null;
            }
        }

        private static string? StringOrNull(JsonElement value)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static string DescribeNumber(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number ? "a fraction or a number out of range" : Describe(value.ValueKind);
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
