using Mem0.QdrantStandIn.Wire;
using Mem0.QdrantStandIn.Storage;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Services;

/// <summary>`qdrant.Snapshots` for collections: create, list, delete (download is the REST port's).</summary>
public sealed class SnapshotsHandlers(StandInStore store)
{
    private const string Service = "qdrant.Snapshots";

    public void AddTo(MethodTable table) => table
        .Unary<CreateSnapshotRequest, CreateSnapshotResponse>(Service, "Create",
            r => new CreateSnapshotResponse { SnapshotDescription = store.Resolve(r.CollectionName).Snapshot() })
        .Unary<ListSnapshotsRequest, ListSnapshotsResponse>(Service, "List",
            r => new ListSnapshotsResponse { SnapshotDescriptions = { store.Resolve(r.CollectionName).Snapshots() } })
        .Unary<DeleteSnapshotRequest, DeleteSnapshotResponse>(Service, "Delete", r =>
        {
            if (!store.Resolve(r.CollectionName).DeleteSnapshot(r.SnapshotName))
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound, $"Not found: Snapshot {r.SnapshotName} not found"));
            }
            return new DeleteSnapshotResponse();
        });
}
