using Mem0.QdrantStandIn.Filtering;
using Mem0.QdrantStandIn.Wire;
using Mem0.QdrantStandIn.Storage;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Services;

/// <summary>
/// `qdrant.Points`: upsert (with `update_filter` and `update_mode`), delete by ids or filter, get, scroll, count,
/// search and query (nearest to a vector or to a stored point's vector), and payload indexes. Every write is applied
/// before it answers, whatever `wait` says (an in-memory store has no queue to wait for).
/// </summary>
public sealed class PointsHandlers(StandInStore store)
{
    private const string Service = "qdrant.Points";

    public void AddTo(MethodTable table) => table
        .Unary<UpsertPoints, PointsOperationResponse>(Service, "Upsert", Upsert)
        .Unary<DeletePoints, PointsOperationResponse>(Service, "Delete", Delete)
        .Unary<GetPoints, GetResponse>(Service, "Get", Get)
        .Unary<ScrollPoints, ScrollResponse>(Service, "Scroll", Scroll)
        .Unary<CountPoints, CountResponse>(Service, "Count", Count)
        .Unary<SearchPoints, SearchResponse>(Service, "Search", Search)
        .Unary<QueryPoints, QueryResponse>(Service, "Query", Query)
        .Unary<CreateFieldIndexCollection, PointsOperationResponse>(Service, "CreateFieldIndex", CreateFieldIndex)
        .Unary<DeleteFieldIndexCollection, PointsOperationResponse>(Service, "DeleteFieldIndex", DeleteFieldIndex);

    private static PointsOperationResponse Done(ulong operation) =>
        new() { Result = new UpdateResult { OperationId = operation, Status = UpdateStatus.Completed } };

    /// <summary>
    /// Qdrant's conditional upsert (documentation/concepts/points, "Conditional updates"): a point that exists is
    /// replaced only when it matches `update_filter`; a new point is inserted regardless. `update_mode` limits the
    /// call to inserting new points or to replacing existing ones.
    /// </summary>
    private PointsOperationResponse Upsert(UpsertPoints request)
    {
        var collection = store.Resolve(request.CollectionName);
        var incoming = request.Points.Select(p =>
        {
            if (p.Vectors?.Vector is not { } vector || PointViews.Dense(vector) is not { } dense)
            {
                throw StandInErrors.Unimplemented("named, sparse or multi-vector points (the stand-in keeps one dense vector)");
            }
            return new StoredPoint(PointKey.From(p.Id), collection.Stored(dense), new Dictionary<string, Value>(p.Payload));
        }).ToList();
        return Done(collection.Write(points =>
        {
            foreach (var point in incoming)
            {
                var existing = points.GetValueOrDefault(point.Key);
                var allowed = request.UpdateMode switch
                {
                    UpdateMode.InsertOnly => existing is null,
                    UpdateMode.UpdateOnly => existing is not null,
                    _ => true,
                };
                if (!allowed) continue;
                if (existing is not null && request.UpdateFilter is { } condition && !FilterMatcher.Matches(condition, existing)) continue;
                points[point.Key] = point;
            }
        }));
    }

    private PointsOperationResponse Delete(DeletePoints request)
    {
        var collection = store.Resolve(request.CollectionName);
        return Done(collection.Write(points =>
        {
            var doomed = request.Points.PointsSelectorOneOfCase == PointsSelector.PointsSelectorOneOfOneofCase.Points
                ? request.Points.Points.Ids.Select(PointKey.From).ToList()
                : points.Values.Where(p => FilterMatcher.Matches(request.Points.Filter, p)).Select(p => p.Key).ToList();
            foreach (var key in doomed) points.Remove(key);
        }));
    }

    private GetResponse Get(GetPoints request)
    {
        var collection = store.Resolve(request.CollectionName);
        var response = new GetResponse();
        foreach (var key in request.Ids.Select(PointKey.From).Distinct())
        {
            if (collection.Find(key) is { } p) response.Result.Add(PointViews.Retrieved(p, request.WithPayload, request.WithVectors));
        }
        return response;
    }

    /// <summary>Pages in id order from `offset`; `next_page_offset` is the id the next page starts at (Qdrant's default limit is 10).</summary>
    private ScrollResponse Scroll(ScrollPoints request)
    {
        if (request.OrderBy is not null) throw StandInErrors.Unimplemented("scroll with order_by");
        var collection = store.Resolve(request.CollectionName);
        var limit = request.HasLimit ? (int)request.Limit : 10;
        var page = collection.From(request.Offset is null ? null : PointKey.From(request.Offset), p => FilterMatcher.Matches(request.Filter, p), limit + 1);
        var response = new ScrollResponse { Result = { page.Take(limit).Select(p => PointViews.Retrieved(p, request.WithPayload, request.WithVectors)) } };
        if (page.Count > limit) response.NextPageOffset = page[limit].Key.ToPointId();
        return response;
    }

    private CountResponse Count(CountPoints request)
    {
        var collection = store.Resolve(request.CollectionName);
        var n = collection.Read(points => points.Count(p => FilterMatcher.Matches(request.Filter, p)));
        return new CountResponse { Result = new CountResult { Count = (ulong)n } };
    }

    private SearchResponse Search(SearchPoints request)
    {
        if (request.VectorName is { Length: > 0 } named) throw StandInErrors.Unimplemented($"named vectors ({named})");
        var collection = store.Resolve(request.CollectionName);
        var hits = Nearest(collection, collection.Stored(request.Vector), request.Filter, request.HasScoreThreshold ? request.ScoreThreshold : null,
            (int)request.Offset, (int)request.Limit);
        return new SearchResponse { Result = { hits.Select(h => PointViews.Scored(h.Point, h.Score, request.WithPayload, request.WithVectors)) } };
    }

    /// <summary>
    /// The universal query API for what it is mostly used for: `nearest` to a vector or to a stored point (which is
    /// then left out of the results, as Qdrant does), with filter, threshold, offset and limit (default 10).
    /// </summary>
    private QueryResponse Query(QueryPoints request)
    {
        if (request.Prefetch.Count > 0) throw StandInErrors.Unimplemented("query prefetch");
        if (request.Using is { Length: > 0 } named) throw StandInErrors.Unimplemented($"named vectors ({named})");
        if (request.Query?.VariantCase != Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
        {
            throw StandInErrors.Unimplemented($"query {request.Query?.VariantCase.ToString() ?? "without a query"}");
        }
        var collection = store.Resolve(request.CollectionName);
        var input = request.Query.Nearest;
        PointKey? self = null;
        float[] vector;
        if (input.VariantCase == VectorInput.VariantOneofCase.Id)
        {
            self = PointKey.From(input.Id);
            vector = collection.Find(self.Value)?.Vector ?? throw StandInErrors.InvalidArgument($"No point with id {self} found");
        }
        else
        {
            vector = collection.Stored(input.Dense?.Data ?? throw StandInErrors.Unimplemented($"query by {input.VariantCase}"));
        }
        var limit = request.HasLimit ? (int)request.Limit : 10;
        var hits = Nearest(collection, vector, request.Filter, request.HasScoreThreshold ? request.ScoreThreshold : null,
            (int)request.Offset, limit, self);
        return new QueryResponse { Result = { hits.Select(h => PointViews.Scored(h.Point, h.Score, request.WithPayload, request.WithVectors)) } };
    }

    /// <summary>Exact nearest neighbours: cosine is a dot product of unit vectors; Euclid and Manhattan rank smaller first.</summary>
    private static List<(StoredPoint Point, float Score)> Nearest(StandInCollection collection, float[] query, Filter? filter, float? threshold,
        int offset, int limit, PointKey? leaveOut = null)
    {
        var distance = collection.Vectors.Distance;
        var ascending = distance is Distance.Euclid or Distance.Manhattan;
        return collection.Read(points => points
            .Where(p => p.Key != leaveOut && FilterMatcher.Matches(filter, p))
            .Select(p => (Point: p, Score: Score(distance, query, p.Vector)))
            .Where(h => threshold is not { } t || (ascending ? h.Score <= t : h.Score >= t))
            .OrderBy(h => ascending ? h.Score : -h.Score).ThenBy(h => h.Point.Key)
            .Skip(offset).Take(limit).ToList());
    }

    private static float Score(Distance distance, float[] a, float[] b) => distance switch
    {
        Distance.Euclid => MathF.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum()),
        Distance.Manhattan => a.Zip(b, (x, y) => MathF.Abs(x - y)).Sum(),
        _ => a.Zip(b, (x, y) => x * y).Sum(),
    };

    private PointsOperationResponse CreateFieldIndex(CreateFieldIndexCollection request)
    {
        var collection = store.Resolve(request.CollectionName);
        collection.Index(request.FieldName, request.HasFieldType ? Enum.Parse<PayloadSchemaType>(request.FieldType.ToString()) : PayloadSchemaType.Keyword);
        return Done(collection.Write(_ => { }));
    }

    private PointsOperationResponse DeleteFieldIndex(DeleteFieldIndexCollection request)
    {
        var collection = store.Resolve(request.CollectionName);
        collection.Unindex(request.FieldName);
        return Done(collection.Write(_ => { }));
    }
}
