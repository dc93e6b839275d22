using Grpc.Core;

namespace Mem0.QdrantStandIn.Storage;

/// <summary>The gRPC statuses Qdrant answers with, worded as Qdrant words them.</summary>
public static class StandInErrors
{
    public static RpcException NotFound(string collection) =>
        new(new Status(StatusCode.NotFound, $"Not found: Collection `{collection}` doesn't exist!"));

    public static RpcException InvalidArgument(string detail) => new(new Status(StatusCode.InvalidArgument, $"Wrong input: {detail}"));

    public static RpcException Unimplemented(string what) =>
        new(new Status(StatusCode.Unimplemented, $"The Qdrant stand-in does not implement {what}; it serves the calls mem0-server makes."));
}
