using System.Buffers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Services;

/// <summary>
/// Binds <see cref="ReplyLinterService"/> as the generated <c>ReplyLinter.BindService</c> does, but with request
/// deserializers that do not throw on a request that is not valid protobuf. grpc-dotnet runs the deserializer before
/// the service: an exception there is a unary call's UNKNOWN "Exception was thrown by handler." (no details, and a
/// stack trace in the log), and in a stream it comes out of <c>MoveNext</c> and ends the call. The usual cause is the
/// caller's: a string field that is not UTF-8 (protobufjs writes a JavaScript lone surrogate as ED A0 80). Such a
/// request becomes an empty request marked with what is wrong (<see cref="UnreadableRequests"/>), which the service
/// answers INVALID_ARGUMENT with a violation naming the field and the byte offset, or, in a stream, with that item's
/// error while the stream goes on.
/// </summary>
internal static class ReplyLinterBinding
{
    /// <summary>JSON transcoding reads the service's descriptor from the bind method's type.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ReplyLinter.Descriptor;

    /// <summary>Found through <see cref="BindServiceMethodAttribute"/> on the service by grpc-dotnet and JSON transcoding;
    /// the second parameter is the generated base type, whose virtual methods they look the handlers up against.</summary>
    public static void BindService(ServiceBinderBase serviceBinder, ReplyLinter.ReplyLinterBase? serviceImpl) =>
        ReplyLinter.BindService(new TolerantBinder(serviceBinder), serviceImpl!);

    /// <summary>Passes every method on with its request marshaller made tolerant.</summary>
    private sealed class TolerantBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Tolerant(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Tolerant(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Tolerant(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Tolerant(method), handler);
    }

    private static Method<TRequest, TResponse> Tolerant<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        if (!typeof(IMessage).IsAssignableFrom(typeof(TRequest))) return method;
        var descriptor = ((IMessage)Activator.CreateInstance<TRequest>()).Descriptor;
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, (DeserializationContext context) =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException)
            {
                var payload = context.PayloadAsReadOnlySequence();
                var request = Activator.CreateInstance<TRequest>();
                UnreadableRequests.Mark(request, WireFormatCheck.Explain(descriptor, payload.ToArray(), (IMessage)request));
                return request;
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}

/// <summary>Requests that arrived as bytes protobuf could not read, with the problems found in them.</summary>
internal static class UnreadableRequests
{
    private static readonly ConditionalWeakTable<object, Violations> Problems = [];

    public static void Mark(object request, Violations problems) => Problems.AddOrUpdate(request, problems);

    /// <summary>What was wrong with the request's bytes, or null for a request that was read normally.</summary>
    public static Violations? ProblemsOf(object request) => Problems.TryGetValue(request, out var problems) ? problems : null;
}
