using Google.Protobuf;
using Grpc.Core;
using Mem0.QdrantStandIn.Storage;

namespace Mem0.QdrantStandIn.Wire;

/// <summary>One implemented method: its gRPC definition and what answers it.</summary>
public interface IStandInMethod
{
    string FullName { get; }
    Type Request { get; }
    Type Response { get; }
    void Bind(global::Grpc.AspNetCore.Server.Model.ServiceMethodProviderContext<StandInGrpcService> context, CallGate gate);
}

/// <summary>The implemented methods by full name (`qdrant.Points/Upsert`), each typed by the client's messages.</summary>
public sealed class MethodTable
{
    private readonly Dictionary<string, IStandInMethod> _methods = new(StringComparer.Ordinal);

    public MethodTable Unary<TRequest, TResponse>(string service, string name, Func<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        var method = new UnaryMethod<TRequest, TResponse>(service, name, handler);
        _methods.Add(method.FullName, method);
        return this;
    }

    public IStandInMethod? Find(string fullName) => _methods.GetValueOrDefault(fullName);

    public IReadOnlyCollection<string> Names => _methods.Keys;

    private sealed class UnaryMethod<TRequest, TResponse>(string service, string name, Func<TRequest, TResponse> handler) : IStandInMethod
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        public string FullName => $"{service}/{name}";
        public Type Request => typeof(TRequest);
        public Type Response => typeof(TResponse);

        public void Bind(global::Grpc.AspNetCore.Server.Model.ServiceMethodProviderContext<StandInGrpcService> context, CallGate gate)
        {
            var method = Definition<TRequest, TResponse>(service, name);
            context.AddUnaryMethod(method, [], async (_, request, call) =>
            {
                await gate.EnterAsync(FullName, call);
                return handler(request);
            });
        }
    }

    public static Method<TRequest, TResponse> Definition<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        var requests = new MessageParser<TRequest>(() => new TRequest());
        var responses = new MessageParser<TResponse>(() => new TResponse());
        return new Method<TRequest, TResponse>(MethodType.Unary, service, name,
            Marshallers.Create(r => r.ToByteArray(), requests.ParseFrom), Marshallers.Create(r => r.ToByteArray(), responses.ParseFrom));
    }

    /// <summary>A method Qdrant has and the stand-in does not: answered UNIMPLEMENTED, naming it.</summary>
    public static void BindUnimplemented<TRequest, TResponse>(global::Grpc.AspNetCore.Server.Model.ServiceMethodProviderContext<StandInGrpcService> context,
        string service, string name, CallGate gate)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        context.AddUnaryMethod(Definition<TRequest, TResponse>(service, name), [], async (_, _, call) =>
        {
            await gate.EnterAsync($"{service}/{name}", call);
            throw StandInErrors.Unimplemented($"{service}/{name}");
        });
    }
}
