using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;

namespace Mem0.QdrantStandIn.Wire;

/// <summary>The endpoint type the stand-in's methods hang on (Grpc.AspNetCore maps services by type).</summary>
public sealed class StandInGrpcService;

/// <summary>
/// Binds every unary method of Qdrant's services as the client describes them: the implemented ones to their
/// handlers (checked against the descriptor's message types, so a client update that changes a signature fails
/// the stand-in's start, not a test's assertion), the rest to UNIMPLEMENTED.
/// </summary>
public sealed class StandInMethodProvider(MethodTable table, CallGate gate) : IServiceMethodProvider<StandInGrpcService>
{
    private static readonly System.Reflection.MethodInfo Unimplemented = typeof(MethodTable).GetMethod(nameof(MethodTable.BindUnimplemented))!;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<StandInGrpcService> context)
    {
        var described = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in QdrantServiceDescriptors.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming))
        {
            var fullName = $"{descriptor.Service.FullName}/{descriptor.Name}";
            described.Add(fullName);
            if (table.Find(fullName) is { } method)
            {
                if (method.Request != descriptor.InputType.ClrType || method.Response != descriptor.OutputType.ClrType)
                {
                    throw new InvalidOperationException($"{fullName} takes {descriptor.InputType.ClrType.Name} and answers {descriptor.OutputType.ClrType.Name} in Qdrant.Client; the stand-in's handler does not.");
                }
                method.Bind(context, gate);
            }
            else
            {
                Unimplemented.MakeGenericMethod(descriptor.InputType.ClrType, descriptor.OutputType.ClrType)
                    .Invoke(null, [context, descriptor.Service.FullName, descriptor.Name, gate]);
            }
        }
        var unknown = table.Names.Where(n => !described.Contains(n)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"Qdrant.Client describes no method {string.Join(", ", unknown)}.");
    }
}
