using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ReplyLint.Server.Services;

/// <summary>
/// Says why protobuf could not read a request: walks its wire format along the message's descriptor and names every
/// string field that is not UTF-8 by its path (<c>text</c>, <c>options.disabled_rules[1]</c>) and the byte offset of
/// the first bad sequence in it. Never quotes the bytes.
/// </summary>
internal static class WireFormatCheck
{
    /// <summary>The request's problems. The top-level <c>request_id</c>, when it is readable, is copied into
    /// <paramref name="placeholder"/> so that the answer (a stream item's error) still carries it.</summary>
    public static Violations Explain(MessageDescriptor descriptor, byte[] payload, IMessage placeholder)
    {
        var violations = new Violations();
        try
        {
            Walk(descriptor, payload, "", violations, placeholder);
        }
        catch (InvalidProtocolBufferException)
        {
            // The framing itself is broken (a bad tag or length): whatever was found before it still stands.
            violations.Invalid("body", $"is not a valid {descriptor.Name} protobuf message");
        }
        if (!violations.Any) violations.Invalid("body", $"is not a valid {descriptor.Name} protobuf message");
        return violations;
    }

    private static void Walk(MessageDescriptor descriptor, byte[] message, string prefix, Violations violations, IMessage? topLevel)
    {
        var input = new CodedInputStream(message);
        var occurrences = new Dictionary<int, int>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
            if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                continue;
            }
            var value = input.ReadBytes().ToByteArray();
            var index = occurrences.GetValueOrDefault(field.FieldNumber);
            occurrences[field.FieldNumber] = index + 1;
            var path = prefix + field.Name;
            if (field.IsMap)
            {
                WalkMapEntry(field, value, path, violations);
                continue;
            }
            if (field.IsRepeated) path += string.Create(CultureInfo.InvariantCulture, $"[{index}]");
            if (field.FieldType == FieldType.String)
            {
                if (CheckUtf8(value, path, violations) && topLevel is not null && !field.IsRepeated && field.Name == "request_id")
                    field.Accessor.SetValue(topLevel, Encoding.UTF8.GetString(value));
            }
            else if (field.FieldType == FieldType.Message)
            {
                Walk(field.MessageType, value, path + ".", violations, topLevel: null);
            }
        }
    }

    /// <summary>A map entry is a message with the key as field 1 and the value as field 2: the path names the key.</summary>
    private static void WalkMapEntry(FieldDescriptor map, byte[] entry, string path, Violations violations)
    {
        var keyField = map.MessageType.FindFieldByNumber(1);
        var valueField = map.MessageType.FindFieldByNumber(2);
        byte[]? key = null, value = null;
        var input = new CodedInputStream(entry);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited || number is not (1 or 2))
            {
                input.SkipLastField();
                continue;
            }
            if (number == 1) key = input.ReadBytes().ToByteArray();
            else value = input.ReadBytes().ToByteArray();
        }
        var entryPath = path;
        if (key is not null && keyField.FieldType == FieldType.String)
        {
            if (FirstInvalidUtf8(key) is { } at)
            {
                violations.Invalid(path, $"has a key that is not valid UTF-8: {Describe(key, at)}");
                return;
            }
            entryPath = $"{path}[{RequestValidator.Printable(Encoding.UTF8.GetString(key))}]";
        }
        if (value is null) return;
        if (valueField.FieldType == FieldType.String) CheckUtf8(value, entryPath, violations);
        else if (valueField.FieldType == FieldType.Message) Walk(valueField.MessageType, value, entryPath + ".", violations, topLevel: null);
    }

    /// <summary>True when the bytes are UTF-8; otherwise records where they stop being so.</summary>
    private static bool CheckUtf8(byte[] value, string path, Violations violations)
    {
        if (FirstInvalidUtf8(value) is not { } at) return true;
        violations.Invalid(path, $"is not valid UTF-8: {Describe(value, at)}");
        return false;
    }

    private static string Describe(byte[] value, int at) =>
        // ED A0..BF xx is a UTF-16 surrogate encoded as if it were a character (CESU-8 / WTF-8): what a JavaScript or
        // Java string with a lone surrogate turns into. UTF-8 has no encoding for a surrogate.
        at + 1 < value.Length && value[at] == 0xED && value[at + 1] is >= 0xA0 and <= 0xBF
            ? string.Create(CultureInfo.InvariantCulture, $"an encoded UTF-16 surrogate at byte offset {at} (an unpaired surrogate in the sender's string; UTF-8 cannot carry one)")
            : string.Create(CultureInfo.InvariantCulture, $"an invalid byte sequence at byte offset {at}");

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes) => Classifier.Data.Utf8Bytes.FirstInvalid(bytes)?.Offset;
}
