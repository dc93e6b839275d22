using Google.Protobuf.WellKnownTypes;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// Our filters as a Qdrant filter, so Qdrant applies them inside its search, before the limit: exact keyword
/// matches, and for `exclude_expired` "no expiry, or an expiry after now".
/// </summary>
public static class QdrantFilters
{
    public static Filter From(VectorFilter f)
    {
        var filter = new Filter { Must = { MatchKeyword(QdrantPayload.UserId, f.UserId) } };
        void Exact(string key, string? value)
        {
            if (value is not null) filter.Must.Add(MatchKeyword(key, value));
        }
        Exact(QdrantPayload.AgentId, f.AgentId);
        Exact(QdrantPayload.RunId, f.RunId);
        Exact(QdrantPayload.Source, f.Source);
        Exact(QdrantPayload.Confidence, f.Confidence);
        Exact(QdrantPayload.ReviewStatus, f.ReviewStatus);
        if (f.NotExpiredAt is { } now)
        {
            var later = new Condition
            {
                Field = new FieldCondition { Key = QdrantPayload.ExpiresAt, DatetimeRange = new DatetimeRange { Gt = Timestamp.FromDateTimeOffset(now) } },
            };
            filter.Must.Add(new Condition { Filter = new Filter { Should = { IsEmpty(QdrantPayload.ExpiresAt), later } } });
        }
        return filter;
    }
}
