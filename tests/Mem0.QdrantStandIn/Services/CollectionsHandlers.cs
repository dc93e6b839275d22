using Mem0.QdrantStandIn.Wire;
using Mem0.QdrantStandIn.Storage;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Services;

/// <summary>`qdrant.Collections`: create (one unnamed dense vector), get, list, exists, delete, and aliases.</summary>
public sealed class CollectionsHandlers(StandInStore store)
{
    private const string Service = "qdrant.Collections";

    public void AddTo(MethodTable table) => table
        .Unary<CreateCollection, CollectionOperationResponse>(Service, "Create", Create)
        .Unary<GetCollectionInfoRequest, GetCollectionInfoResponse>(Service, "Get",
            r => new GetCollectionInfoResponse { Result = store.Resolve(r.CollectionName).Info() })
        .Unary<ListCollectionsRequest, ListCollectionsResponse>(Service, "List",
            _ => new ListCollectionsResponse { Collections = { store.Collections().Select(n => new CollectionDescription { Name = n }) } })
        .Unary<CollectionExistsRequest, CollectionExistsResponse>(Service, "CollectionExists",
            r => new CollectionExistsResponse { Result = new CollectionExists { Exists = store.Exists(r.CollectionName) } })
        .Unary<DeleteCollection, CollectionOperationResponse>(Service, "Delete",
            r => new CollectionOperationResponse { Result = store.Delete(r.CollectionName) })
        .Unary<ChangeAliases, CollectionOperationResponse>(Service, "UpdateAliases", r =>
        {
            store.ChangeAliases(r.Actions);
            return new CollectionOperationResponse { Result = true };
        })
        .Unary<ListAliasesRequest, ListAliasesResponse>(Service, "ListAliases", _ => new ListAliasesResponse { Aliases = { store.Aliases() } })
        .Unary<ListCollectionAliasesRequest, ListAliasesResponse>(Service, "ListCollectionAliases",
            r => new ListAliasesResponse { Aliases = { store.Aliases(store.Resolve(r.CollectionName).Name) } });

    private CollectionOperationResponse Create(CreateCollection request)
    {
        if (request.VectorsConfig?.ConfigCase != VectorsConfig.ConfigOneofCase.Params)
        {
            throw StandInErrors.Unimplemented("collections with named vectors (the stand-in keeps one unnamed dense vector)");
        }
        if (request.VectorsConfig.Params.Size == 0) throw StandInErrors.InvalidArgument("Validation error in body: [vectors.size: value 0 invalid, must be 1 or larger]");
        store.Create(request.CollectionName, request.VectorsConfig.Params);
        return new CollectionOperationResponse { Result = true };
    }
}
