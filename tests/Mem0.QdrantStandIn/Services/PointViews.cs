using Mem0.QdrantStandIn.Storage;
using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Services;

/// <summary>A stored point as an answer carries it: the payload and vector the request's selectors ask for.</summary>
public static class PointViews
{
    public static IEnumerable<KeyValuePair<string, Value>> Payload(StoredPoint p, WithPayloadSelector? selector, bool byDefault)
    {
        if (selector is null) return byDefault ? p.Payload : [];
        return selector.SelectorOptionsCase switch
        {
            WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? p.Payload : [],
            WithPayloadSelector.SelectorOptionsOneofCase.Include => p.Payload.Where(kv => selector.Include.Fields.Contains(kv.Key)),
            WithPayloadSelector.SelectorOptionsOneofCase.Exclude => p.Payload.Where(kv => !selector.Exclude.Fields.Contains(kv.Key)),
            _ => byDefault ? p.Payload : [],
        };
    }

    public static VectorsOutput? Vectors(StoredPoint p, WithVectorsSelector? selector)
    {
        var wanted = selector?.SelectorOptionsCase switch
        {
            WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable,
            // The one vector is unnamed (""), as mem0-server's and mem0's collections have it.
            WithVectorsSelector.SelectorOptionsOneofCase.Include => selector.Include.Names.Contains(""),
            _ => false,
        };
        return wanted ? new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { p.Vector } } } } : null;
    }

    public static RetrievedPoint Retrieved(StoredPoint p, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var point = new RetrievedPoint { Id = p.Key.ToPointId(), Payload = { Payload(p, payload, byDefault: true).ToDictionary() } };
        if (Vectors(p, vectors) is { } v) point.Vectors = v;
        return point;
    }

    public static ScoredPoint Scored(StoredPoint p, float score, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var point = new ScoredPoint { Id = p.Key.ToPointId(), Score = score, Version = 0, Payload = { Payload(p, payload, byDefault: false).ToDictionary() } };
        if (Vectors(p, vectors) is { } v) point.Vectors = v;
        return point;
    }

    /// <summary>The dense vector a point or a query carries, whichever field the client filled.</summary>
    public static IReadOnlyList<float>? Dense(Vector? v) => v switch
    {
        null => null,
        { Dense: { } dense } => dense.Data,
#pragma warning disable CS0612 // Older clients still send a dense vector in the deprecated field.
        { Data.Count: > 0 } => v.Data,
#pragma warning restore CS0612
        _ => null,
    };
}
