using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace ReplyLint.Server.Services;

/// <summary>One request's problems, as google.rpc.BadRequest field violations (AIP-193 style paths: "options.disabled_rules[0]").</summary>
internal sealed class Violations
{
    /// <summary>
    /// The most violations an answer lists: a 1 MiB request can hold half a million bad list items, and answering each
    /// would turn one request into tens of megabytes of response. The rest are counted, not listed.
    /// </summary>
    public const int MaxListed = 100;

    private readonly List<BadRequest.Types.FieldViolation> _items = [];

    /// <summary>Set when a violation is about size: the call fails RESOURCE_EXHAUSTED rather than INVALID_ARGUMENT.</summary>
    public bool IsResourceExhausted { get; private set; }

    public bool Any => Count > 0;

    /// <summary>Every violation found, listed or not.</summary>
    public int Count { get; private set; }

    public void Invalid(string field, string description)
    {
        Count++;
        if (_items.Count < MaxListed) _items.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
    }

    public void TooLarge(string field, string description)
    {
        IsResourceExhausted = true;
        Invalid(field, description);
    }

    public Google.Rpc.Status ToStatus()
    {
        var code = IsResourceExhausted ? Code.ResourceExhausted : Code.InvalidArgument;
        var message = Count == 1
            ? $"{_items[0].Field}: {_items[0].Description}"
            : $"{Count} problems in the request; first: {_items[0].Field}: {_items[0].Description}";
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(_items);
        if (Count > _items.Count)
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = "request",
                Description = $"{Count - _items.Count} more problems, not listed (the first {MaxListed} are)",
            });
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) } };
    }

    public RpcException ToException() => ToStatus().ToRpcException();
}

internal static class RpcErrors
{
    public static RpcException Unavailable(string message) =>
        new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = message }.ToRpcException();
}
