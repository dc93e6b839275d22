using Google.Protobuf.Reflection;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Wire;

/// <summary>
/// Qdrant's gRPC services as Qdrant.Client describes them (the generated reflection of its *_service.proto files),
/// so the stand-in serves exactly the service and method names, and the message types, the client sends.
/// </summary>
public static class QdrantServiceDescriptors
{
    public static IEnumerable<ServiceDescriptor> All =>
    [
        .. QdrantReflection.Descriptor.Services,
        .. CollectionsServiceReflection.Descriptor.Services,
        .. PointsServiceReflection.Descriptor.Services,
        .. SnapshotsServiceReflection.Descriptor.Services,
    ];

    public static IEnumerable<MethodDescriptor> Methods => All.SelectMany(s => s.Methods);
}
