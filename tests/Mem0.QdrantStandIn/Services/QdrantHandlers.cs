using Mem0.QdrantStandIn.Wire;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Services;

/// <summary>`qdrant.Qdrant/HealthCheck`: the title and version a Qdrant server reports.</summary>
public sealed class QdrantHandlers(Func<string> version)
{
    public const string Title = "qdrant - vector search engine";

    public void AddTo(MethodTable table) => table.Unary<HealthCheckRequest, HealthCheckReply>("qdrant.Qdrant", "HealthCheck",
        _ => new HealthCheckReply { Title = Title, Version = version(), Commit = "mem0-qdrant-stand-in" });
}
