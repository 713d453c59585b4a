using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace ReplyLint.Server.Services;

/// <summary>One request's problems, as google.rpc.BadRequest field violations (AIP-193 style paths: "options.disabled_rules[0]").</summary>
internal sealed class Violations
{
    private readonly List<BadRequest.Types.FieldViolation> _items = [];

    /// <summary>Set when a violation is about size: the call fails RESOURCE_EXHAUSTED rather than INVALID_ARGUMENT.</summary>
    public bool IsResourceExhausted { get; private set; }

    public bool Any => _items.Count > 0;
    public int Count => _items.Count;

    public void Invalid(string field, string description) =>
        _items.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });

    public void TooLarge(string field, string description)
    {
        IsResourceExhausted = true;
        Invalid(field, description);
    }

    public Google.Rpc.Status ToStatus()
    {
        var code = IsResourceExhausted ? Code.ResourceExhausted : Code.InvalidArgument;
        var message = _items.Count == 1
            ? $"{_items[0].Field}: {_items[0].Description}"
            : $"{_items.Count} problems in the request; first: {_items[0].Field}: {_items[0].Description}";
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(_items);
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) } };
    }

    public RpcException ToException() => ToStatus().ToRpcException();
}

internal static class RpcErrors
{
    public static RpcException Unavailable(string message) =>
        new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = message }.ToRpcException();
}
